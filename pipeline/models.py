"""The output contract: pydantic models are the single source of truth.

`schemas/` holds the JSON Schema generated from these models (`newsfacts schema`), and a
test keeps the two in sync. Closed vocabularies are enums so that a typo is a validation
error, not a silent new category. The same models travel on spaCy `Doc` extensions
(`doc._.times`, `doc._.figures`, `doc._.events`), so a component's result and the
written record are one type.

Offsets are Python ``str`` indices into the stored article text, end exclusive:
``text[start:end] == record.text`` holds for every grounded span.
"""

from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

#: Minor versions only add (new enum values, wider value formats): every record valid under 1.0
#: is valid under 1.1, but a 1.1 record may carry a month-only `dct.value` ("2010-07") and the
#: `dct.source` "release_number", which a strict 1.0 reader would reject.
SCHEMA_VERSION = "1.1"


class _Model(BaseModel):
    """Base: unknown fields are errors, so a reader can rely on the schema."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


# ---------------------------------------------------------------- vocabularies


class TimeType(str, Enum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TimeMod(str, Enum):
    """TimeML TIMEX3 `mod` values."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON_OR_BEFORE = "ON_OR_BEFORE"
    ON_OR_AFTER = "ON_OR_AFTER"
    LESS_THAN = "LESS_THAN"
    MORE_THAN = "MORE_THAN"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"
    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"


class DctSource(str, Enum):
    """Where the document creation time came from (`records.resolve_dct`, in this order)."""

    METADATA = "metadata"
    DATELINE = "dateline"
    #: a release number in the header ("2010-07-CA-129") and no dateline: the month only
    RELEASE_NUMBER = "release_number"
    CLI = "cli"
    NONE = "none"


class Status(str, Enum):
    OK = "ok"
    ERROR = "error"


class FigureKind(str, Enum):
    LEVEL = "level"
    CHANGE = "change"


class EventType(str, Enum):
    ATTACK = "attack"
    AIRSTRIKE = "airstrike"
    DETENTION = "detention"
    MILITARY_OPERATION = "military_operation"
    DEPLOYMENT = "deployment"
    WITHDRAWAL = "withdrawal"
    TRAINING = "training"
    FUNDING = "funding"
    ARMS_TRANSFER = "arms_transfer"
    AGREEMENT = "agreement"
    NEGOTIATION = "negotiation"
    DECLARATION = "declaration"
    TERRITORIAL_CHANGE = "territorial_change"
    OTHER = "other"


class Modality(str, Enum):
    ASSERTED = "asserted"
    PLANNED = "planned"
    POSSIBLE = "possible"
    NEGATED = "negated"


# ---------------------------------------------------------------- shared parts


class Span(_Model):
    """A grounded piece of text: the evidence for a fact."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TimeExpr(Span):
    """A TIMEX3 temporal expression, normalized against the document date."""

    type: TimeType
    value: Optional[str] = Field(
        None, description='TIMEX3 value: "2026-09", "2014", "P10Y", "PRESENT_REF", "1998-W08", ...'
    )
    earliest: Optional[str] = Field(None, description="ISO date of the earliest day covered")
    latest: Optional[str] = Field(None, description="ISO date of the latest day covered")
    mod: Optional[TimeMod] = None


class Entity(Span):
    label: str = Field(description="OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, ...")
    canonical: str = Field(description="One name per actor, for grouping")
    kb_id: Optional[str] = Field(None, description="Wikidata QID when known")


class Role(Span):
    """An event participant or place, with the entity's canonical name."""

    canonical: str
    label: Optional[str] = None
    admin1: Optional[str] = Field(
        None,
        description="For a place: the first-level division it lies in (a province, a state), when the gazetteer "
        "or the text says so, e.g. 'Kandahar Province' for 'Maiwand district'; as in ACLED's admin1.",
    )


class Trigger(Span):
    lemma: str


class Casualties(_Model):
    """Minimum counts stated by the text; null when the text states none."""

    killed: Optional[int] = Field(None, ge=0)
    wounded: Optional[int] = Field(None, ge=0)
    captured: Optional[int] = Field(None, ge=0)


class ErrorInfo(_Model):
    type: str = Field(description="Stable error code, e.g. E101")
    message: str
    where: str = Field(description="File and line (or field) at fault")


class Dct(_Model):
    """Document creation time (TIMEX3 DCT), at the granularity the article states it.

    Usually a day; a month ("YYYY-MM") when only a release number dates the article, since a
    TIMEX3 DCT may have any granularity. Readers must not assume a day: compare on the
    common ISO prefix (`value[:7]`), or treat the month as the interval it names.
    """

    value: Optional[str] = Field(
        None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
        description="YYYY-MM-DD, or YYYY-MM when only the month is known (source release_number)",
    )
    source: DctSource = DctSource.NONE


class ModelInfo(_Model):
    name: str
    version: str


# ---------------------------------------------------------------- records


class Figure(Span):
    """A number that states a quantity (years and dates are times, not figures)."""

    id: str
    article_id: str
    value: Optional[float] = Field(None, description="Point value (the minimum for vague quantities)")
    lower: Optional[float] = None
    upper: Optional[float] = None
    approximate: bool = False
    unit: Optional[str] = None
    currency: Optional[str] = Field(None, description="ISO 4217")
    dimension: str = Field("count", description="count, currency, percentage, area, length, mass, ...")
    measured: Optional[str] = Field(None, description="The noun phrase it counts or measures")
    measured_lemma: Optional[str] = None
    kind: FigureKind = FigureKind.LEVEL
    time: Optional[TimeExpr] = None
    locations: list[Role] = Field(default_factory=list)
    sentence: str


class Event(_Model):
    id: str
    article_id: str
    type: EventType
    trigger: Trigger
    sentence: str
    time: Optional[TimeExpr] = None
    agents: list[Role] = Field(default_factory=list)
    targets: list[Role] = Field(default_factory=list)
    locations: list[Role] = Field(default_factory=list)
    casualties: Casualties = Field(default_factory=Casualties)
    figure_ids: list[str] = Field(default_factory=list)
    modality: Modality = Modality.ASSERTED
    attribution: Optional[Span] = Field(None, description='Source when attributed ("officials said")')
    mentions: list[Span] = Field(default_factory=list, description="Every mention merged into this event")


class Article(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    title: Optional[str] = None
    text: str
    published: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    origin: Optional[str] = Field(None, description="Input file (and line) the article came from")
    content_hash: Optional[str] = None
    dct: Dct = Field(default_factory=Dct)
    status: Status = Status.OK
    error: Optional[ErrorInfo] = None
    warnings: list[str] = Field(default_factory=list)
    model: Optional[ModelInfo] = None
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)


#: The records written to OUTPUT_DIR, by file stem; the schema files are generated from this.
RECORDS: dict[str, type[_Model]] = {"articles": Article, "figures": Figure, "events": Event}
