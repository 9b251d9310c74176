"""Doc → pydantic records: the one place where NLP output becomes the output contract."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from spacy.tokens import Doc

from .chunks import shift
from .dateline import find_dateline, find_release_month
from .errors import Errors, NewsfactsError
from .ingest import RawArticle
from .models import Article, Dct, DctSource, Entity, ErrorInfo, Event, Figure, ModelInfo, Status

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T ])")


@dataclass
class Result:
    """Everything extracted from one article, ready for the writers."""

    article: Article
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.article.status == Status.OK.value


def resolve_dct(raw: RawArticle, cli_published: Optional[date] = None) -> tuple[Dct, list[str]]:
    """Document date: metadata, else the dateline, else the release number's month, else
    --published, else none.

    A `published` that is not a date costs a warning, never the article. A release number
    without a dateline ("2010-07-CA-129") dates the article to the month only ("2010-07"): the
    text says no more, and a day would be a guess. It outranks --published, a batch-wide
    fallback, unless that date lies inside the release month: then it refines the month
    rather than contradicting the text.
    """
    warnings: list[str] = []
    if raw.published:
        parsed = parse_iso_date(raw.published)
        if parsed is not None:
            return Dct(value=parsed.isoformat(), source=DctSource.METADATA), warnings
        warnings.append("W001: " + Errors.W001.format(value=raw.published))
    fallback_year = cli_published.year if cli_published else None
    dateline = find_dateline(raw.text, fallback_year=fallback_year)
    if dateline is not None:
        return Dct(value=dateline.value, source=DctSource.DATELINE), warnings
    release = find_release_month(raw.text)
    if release is not None and not (cli_published is not None and cli_published.isoformat()[:7] == release.value):
        return Dct(value=release.value, source=DctSource.RELEASE_NUMBER), warnings
    if cli_published is not None:
        return Dct(value=cli_published.isoformat(), source=DctSource.CLI), warnings
    return Dct(), warnings


def parse_iso_date(value: str) -> Optional[date]:
    """`YYYY-MM-DD`, alone or at the start of an ISO timestamp; anything else is None."""
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def article_base(raw: RawArticle, dct: Dct, warnings: list[str], model: Optional[ModelInfo]) -> Article:
    """The article record without NLP results (used as is for error records)."""
    return Article(
        id=raw.id,
        title=raw.title,
        text=raw.text,
        published=raw.published,
        url=raw.url,
        source=raw.source,
        origin=raw.origin,
        content_hash=raw.content_hash if raw.text else None,
        dct=dct,
        warnings=raw.warnings + warnings,
        model=model,
    )


def error_result(raw: RawArticle, error: NewsfactsError, base: Optional[Article] = None) -> Result:
    article = base or article_base(raw, Dct(), [], None)
    info = ErrorInfo(type=error.code, message=error.message, where=error.where or raw.origin)
    return Result(article=article.model_copy(update={"status": Status.ERROR, "error": info}))


def doc_result(base: Article, docs: list[tuple[int, Doc]]) -> Result:
    """The article record with the components' output from its Doc(s).

    `docs` pairs each Doc with its offset in the article: one `(0, doc)` for most articles,
    one per chunk for long ones (see `chunks.py`).
    """
    entities: list[Entity] = []
    times, figures, events = [], [], []
    for offset, doc in docs:
        entities += [shift(entity, offset, base.id) for entity in _entities(doc)]
        times += [shift(time, offset, base.id) for time in doc._.times or []]
        figures += [shift(figure, offset, base.id) for figure in doc._.figures or []]
        events += [shift(event, offset, base.id) for event in doc._.events or []]
    article = base.model_copy(update={"entities": entities, "times": times})
    return Result(article=article, figures=figures, events=events)


def _entities(doc: Doc) -> list[Entity]:
    return [
        Entity(
            text=ent.text,
            start=ent.start_char,
            end=ent.end_char,
            label=ent.label_,
            canonical=ent._.canonical or ent.text,
            kb_id=ent._.kb_id,
        )
        for ent in doc.ents
    ]
