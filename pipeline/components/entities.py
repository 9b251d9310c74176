"""Entity components: a gazetteer ruler before NER, and one canonical name per actor after it.

`newsfacts_gazetteer` runs before spaCy's statistical NER and pre-sets the entities it knows
from `data/gazetteer.jsonl` (the NER keeps pre-set entities and only labels the rest), so
"Daech" is an ORG however the model would have tagged it. `newsfacts_entities` runs after NER
and sets `Span._.canonical` on every entity in `doc.ents` (never None) and `Span._.kb_id` where
the gazetteer knows a Wikidata QID, resolving aliases inside the document:

* gazetteer aliases ("Daesh", "ISIL", "the Islamic State" → "Islamic State");
* acronym definitions, "Long Name (ACR)" and "ACR (Long Name)", link both forms and every
  later mention of the acronym (Schwartz & Hearst 2003 decide whether ACR abbreviates Long Name);
* generic short mentions ("the task force", "the coalition", "coalition forces") link to the one
  actor of the document whose gazetteer line claims them, and stay unlinked when two do;
* NORP demonyms carry their country ("Iraqi" → "Iraq", `data/demonyms.json`);
* a surname alone ("Votel") links to the one full name in the document that ends with it;
* anything else gets its cleaned text ("the Ministry’s" → "Ministry"), identical for every
  mention spelled the same way up to case.

The functions above the components are pure (no spaCy) so that they are easy to test.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..errors import NewsfactsError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GAZETTEER_PATH = DATA_DIR / "gazetteer.jsonl"
DEMONYMS_PATH = DATA_DIR / "demonyms.json"

#: Labels of places: the gazetteer canonicalizes them but never forces them before NER.
PLACE_LABELS = frozenset({"GPE", "LOC"})
#: Labels whose text is a value, not a name: never looked up in the gazetteer.
VALUE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


class ActorType(str, Enum):
    """What kind of actor a gazetteer line describes (closed vocabulary)."""

    ARMED_GROUP = "armed_group"
    COALITION = "coalition"
    OPERATION = "operation"
    COMMAND = "command"
    MILITARY_SERVICE = "military_service"
    POLICE = "police"
    MINISTRY = "ministry"
    AGENCY = "agency"
    GOVERNMENT = "government"
    POLITICAL_PARTY = "political_party"
    ALLIANCE = "alliance"
    INTERGOVERNMENTAL = "intergovernmental"
    NGO = "ngo"
    STATE = "state"


class GazetteerEntry(BaseModel):
    """One line of `data/gazetteer.jsonl`: an actor, its names and (optionally) its QID."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    canonical: str = Field(min_length=1)
    label: str = Field(pattern=r"^[A-Z_]+$")
    type: ActorType
    aliases: tuple[str, ...] = Field(min_length=1)
    cased: tuple[str, ...] = ()
    qid: Optional[str] = Field(None, pattern=r"^Q[1-9][0-9]*$")
    short: tuple[str, ...] = ()
    lookup_only: tuple[str, ...] = ()
    part_of: Optional[str] = None

    @field_validator("aliases", "cased", "short", "lookup_only")
    @classmethod
    def _no_blank(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        if any(not name.strip() for name in names):
            raise ValueError("names must not be blank")
        return names

    @property
    def names(self) -> tuple[str, ...]:
        """The names the ruler forces: the canonical name, every alias and every cased name."""
        return (self.canonical, *self.aliases, *self.cased)

    def is_case_sensitive(self, name: str) -> bool:
        """Whether `name` of this actor only matches as written (see `is_case_sensitive`)."""
        return name in self.cased or is_case_sensitive(name)

    @property
    def lookup_names(self) -> tuple[str, ...]:
        """Every name that canonicalizes an entity, `lookup_only` ones included."""
        return (*self.names, *self.lookup_only)


# ---------------------------------------------------------------- pure helpers (no spaCy)

_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_DASH = re.compile(r"[\s\u2010-\u2015-]+$")


def clean_name(text: str) -> str:
    """A readable name for grouping: no leading "the", possessive or dangling dash; single spaces.

    >>> clean_name("the United States’")
    'United States'
    """
    name = _SPACES.sub(" ", text.translate(_QUOTES)).strip()
    name = _TRAILING_DASH.sub("", _LEADING_THE.sub("", name))
    for possessive in ("'s", "'"):
        if name.endswith(possessive):
            name = name[: -len(possessive)]
            break
    return name.strip() or _SPACES.sub(" ", text).strip()


def alias_key(text: str) -> str:
    """The lookup key of a name: `clean_name`, with every dash written "-" and unspaced."""
    return _DASHES.sub("-", clean_name(text))


def is_case_sensitive(alias: str) -> bool:
    """Acronym-like aliases (no space, two or more capitals: ISIS, LeT, U.S.) match exactly.

    Everything else matches in any case; this keeps "LeT" from matching the verb "let" and
    "US" from matching the pronoun "us".
    """
    return " " not in alias and sum(ch.isupper() for ch in alias) >= 2


def long_form_start(acronym: str, text: str) -> Optional[int]:
    """Where in `text` the long form of `acronym` starts, or None if it cannot be one.

    The algorithm of Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
    definitions in biomedical text": match the acronym's letters right to left, each somewhere
    in `text`, the first one at the start of a word. Finds "CENTCOM" in "Central Command".
    """
    letters = [ch.lower() for ch in acronym if ch.isalnum()]
    if len(letters) < 2 or not text:
        return None
    pos = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        char = letters[index]
        while pos >= 0 and (
            text[pos].lower() != char or (index == 0 and pos > 0 and text[pos - 1].isalnum())
        ):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
    return text.rfind(" ", 0, pos + 2) + 1


def abbreviates(acronym: str, name: str) -> bool:
    """True when `acronym` abbreviates `name`, all but at most one leading word of it.

    The leading word allows for a qualifier outside the acronym: "U.S. Central Command (CENTCOM)".
    The long form may not hold more capitalized words than the acronym has letters, which
    rejects Schwartz & Hearst's typical false positive, "Fighters of the National Liberation
    Front (FLN)" read as F…L…N.
    """
    long_name = clean_name(name)
    start = long_form_start(acronym, long_name)
    if start is None or long_name.count(" ", 0, start) > 1:
        return False
    capitals = sum(word[:1].isupper() for word in long_name[start:].split())
    return capitals <= sum(ch.isalnum() for ch in acronym)


def is_acronym(text: str) -> bool:
    """Looks like an acronym: one word, 2-15 characters, starting with a capital, 2+ capitals."""
    return (
        2 <= len(text) <= 15
        and " " not in text
        and text[0].isupper()
        and sum(ch.isupper() for ch in text) >= 2
    )


def _read_entries(path: Path) -> Iterator[GazetteerEntry]:
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                yield GazetteerEntry.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise NewsfactsError(
                    "E301", where=f"{path}:{lineno}", path=path, reason=str(exc).replace("\n", " ")
                ) from exc


@dataclass(frozen=True)
class Gazetteer:
    """The actors of `data/gazetteer.jsonl` and the demonyms, indexed for lookup."""

    entries: tuple[GazetteerEntry, ...]
    demonyms: dict[str, str]
    exact: dict[str, int] = field(default_factory=dict)  # case-sensitive alias key → entry
    folded: dict[str, int] = field(default_factory=dict)  # lowercased alias key → entry
    by_canonical: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, entry in enumerate(self.entries):
            self.by_canonical[entry.canonical] = index
            for name in entry.lookup_names:
                key = alias_key(name)
                if entry.is_case_sensitive(name):
                    self.exact.setdefault(key, index)
                else:
                    self.folded.setdefault(key.lower(), index)

    def lookup(self, text: str) -> Optional[GazetteerEntry]:
        """The actor `text` names, if the gazetteer knows it under this spelling."""
        key = alias_key(text)
        index = self.exact.get(key, self.folded.get(key.lower()))
        return None if index is None else self.entries[index]

    def parent(self, entry: GazetteerEntry) -> Optional[GazetteerEntry]:
        """The actor `entry` is `part_of`, if any."""
        index = self.by_canonical.get(entry.part_of) if entry.part_of else None
        return None if index is None else self.entries[index]

    def country_of(self, demonym: str) -> Optional[GazetteerEntry]:
        """The country a demonym refers to ("Iraqi", "Iraqis" → Iraq)."""
        name = clean_name(demonym)
        country = self.demonyms.get(name)
        if country is None and name.endswith("s"):
            country = self.demonyms.get(name[:-1])
        index = self.by_canonical.get(country) if country else None
        return None if index is None else self.entries[index]


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH, demonyms_path: Path = DEMONYMS_PATH) -> Gazetteer:
    """Read and index the gazetteer and demonyms once per process."""
    demonyms = json.loads(demonyms_path.read_text(encoding="utf-8"))
    return Gazetteer(
        entries=tuple(_read_entries(path)),
        demonyms={k: v for k, v in demonyms.items() if not k.startswith("_")},
    )


# ---------------------------------------------------------------- components


def _match_key(index: int) -> str:
    return f"newsfacts_actor_{index}"


def _phrase_matchers(
    nlp: Language, phrases: Iterable[tuple[str, str, bool]]
) -> tuple[PhraseMatcher, PhraseMatcher]:
    """An exact (ORTH) and a case-folded (LOWER) matcher over (key, phrase, cased) triples."""
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_matcher: dict[bool, dict[str, list[str]]] = {True: {}, False: {}}
    for key, phrase, cased in phrases:
        by_matcher[cased].setdefault(key, []).append(phrase)
    for sensitive, matcher in ((True, exact), (False, folded)):
        for key, texts in by_matcher[sensitive].items():
            matcher.add(key, list(nlp.tokenizer.pipe(texts)))
    return exact, folded


class GazetteerRuler:
    """Pre-sets the gazetteer's actors as entities so that the statistical NER keeps them.

    Places (GPE, LOC) are left to the NER: forcing "America" would split "Latin America".
    Where two matches overlap, the longest wins ("Pakistani Taliban" over "Taliban").
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.labels: dict[int, str] = {}
        phrases = []
        for index, entry in enumerate(gazetteer.entries):
            if entry.label in PLACE_LABELS:
                continue
            key = _match_key(index)
            self.labels[nlp.vocab.strings.add(key)] = entry.label
            phrases.extend((key, name, entry.is_case_sensitive(name)) for name in entry.names)
        self.exact, self.folded = _phrase_matchers(nlp, phrases)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.exact(doc) + self.folded(doc)
        if not matches:
            return doc
        spans = filter_spans(
            [Span(doc, start, end, label=self.labels[key]) for key, start, end in matches]
        )
        taken = {i for span in spans for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.set_ents(sorted(spans + kept, key=lambda s: s.start), default="unmodified")
        return doc


@dataclass
class _Resolution:
    """What the canonicalizer decided for one entity span."""

    canonical: str
    qid: Optional[str] = None
    entry: Optional[GazetteerEntry] = None


class EntityCanonicalizer:
    """Sets `Span._.canonical` (always) and `Span._.kb_id` (when known) on every entity."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.claims: dict[str, set[int]] = {}
        for index, entry in enumerate(gazetteer.entries):
            for phrase in entry.short:
                self.claims.setdefault(phrase.lower(), set()).add(index)
        self.short_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in self.claims:
            self.short_matcher.add(phrase, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        resolved: dict[tuple[int, int], _Resolution] = {}
        ents = list(doc.ents)
        for ent in ents:
            resolved[ent.start, ent.end] = self._resolve(ent)
        ents = self._link_acronyms(doc, ents, resolved)
        ents = self._link_short_mentions(doc, ents, resolved)
        ents = self._link_surnames(ents, resolved)
        self._unify_spellings(ents, resolved)
        doc.ents = ents
        for ent in doc.ents:
            result = resolved[ent.start, ent.end]
            ent._.canonical = result.canonical
            ent._.kb_id = result.qid
        return doc

    # -- one entity on its own

    def _resolve(self, ent: Span) -> _Resolution:
        """Values keep their text; names go through the gazetteer, then the demonyms.

        People are never looked up: "Jordan" or "Haqqani" as a PERSON stays a person.
        """
        text = ent.text
        if ent.label_ in VALUE_LABELS:
            return _Resolution(_SPACES.sub(" ", text).strip())
        if ent.label_ != "PERSON":
            entry = self.gazetteer.lookup(text) or self.gazetteer.country_of(text)
            if entry is not None:
                return _Resolution(entry.canonical, entry.qid, entry)
        return _Resolution(clean_name(text))

    # -- acronym definitions

    def _link_acronyms(
        self, doc: Doc, ents: list[Span], resolved: dict[tuple[int, int], _Resolution]
    ) -> list[Span]:
        """Link "Long Name (ACR)" and "ACR (Long Name)", then every other mention of ACR."""
        ending_at = {ent.end: ent for ent in ents}
        starting_at = {ent.start: ent for ent in ents}
        defined: dict[str, tuple[_Resolution, str]] = {}
        opening = doc.vocab.strings["("]  # found through the array: Doc.text joins all tokens
        for index in (doc.to_array(ORTH) == opening).nonzero()[0]:
            token = doc[int(index)]
            close = next((t.i for t in doc[token.i + 1 : token.i + 12] if t.text == ")"), None)
            if close is None or close == token.i + 1:
                continue
            inner = doc[token.i + 1 : close]
            inner_ent = starting_at.get(token.i + 1)
            before = ending_at.get(token.i)
            if before is None or not abbreviates(inner.text, before.text):
                before = _untagged_long_form(doc, token.i, inner.text, inner_ent) or before
            pair = self._definition(inner, before, inner_ent)
            if pair is None:
                continue
            if (before.start, before.end) not in resolved:
                ents = _replace_covered(ents, before, resolved)
            acronym, long_span = pair
            result = self._pair_resolution(acronym, long_span, resolved)
            defined[acronym.text] = (result, long_span.label_)
            for span in (acronym, long_span):
                if (span.start, span.end) in resolved:
                    resolved[span.start, span.end] = result
        if not defined:
            return ents
        return self._add_acronym_mentions(doc, ents, defined, resolved)

    @staticmethod
    def _definition(
        inner: Span, before: Optional[Span], inner_ent: Optional[Span]
    ) -> Optional[tuple[Span, Span]]:
        """(acronym, long form) when the parenthesis defines one, both already entities."""
        if before is None:
            return None
        inner_is_ent = inner_ent is not None and inner_ent.end == inner.end
        if is_acronym(inner.text) and abbreviates(inner.text, before.text):
            return (inner_ent if inner_is_ent else inner), before
        if is_acronym(before.text) and inner_is_ent and abbreviates(before.text, inner.text):
            return before, inner_ent
        return None

    def _pair_resolution(
        self, acronym: Span, long_span: Span, resolved: dict[tuple[int, int], _Resolution]
    ) -> _Resolution:
        for span in (long_span, acronym):
            known = resolved.get((span.start, span.end))
            if known is not None and known.entry is not None:
                return known
        entry = self.gazetteer.lookup(acronym.text)
        if entry is not None:
            return _Resolution(entry.canonical, entry.qid, entry)
        return _Resolution(clean_name(long_span.text))

    @staticmethod
    def _add_acronym_mentions(
        doc: Doc,
        ents: list[Span],
        defined: dict[str, tuple[_Resolution, str]],
        resolved: dict[tuple[int, int], _Resolution],
    ) -> list[Span]:
        """Every mention of a defined acronym gets its canonical; untagged ones become entities
        with the label of the long form."""
        for ent in ents:
            if ent.text in defined:
                resolved[ent.start, ent.end] = defined[ent.text][0]
        alternatives = "|".join(map(re.escape, sorted(defined, key=len, reverse=True)))
        pattern = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % alternatives)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        added = []
        for match in pattern.finditer(doc.text):
            result, label = defined[match.group()]
            span = doc.char_span(match.start(), match.end(), label=label)
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            resolved[span.start, span.end] = result
            added.append(span)
        return sorted(ents + added, key=lambda s: s.start) if added else ents

    # -- "the task force", "the coalition"

    def _link_short_mentions(
        self, doc: Doc, ents: list[Span], resolved: dict[tuple[int, int], _Resolution]
    ) -> list[Span]:
        """Link a generic short mention to the one actor of the document that claims it."""
        present = self._present_actors(resolved.values())
        if not present:
            return ents
        token_ent = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        added = []
        for key, start, end in _longest_matches(self.short_matcher(doc)):
            phrase = doc.vocab.strings[key]
            claimants = [r for index, r in present.items() if index in self.claims[phrase]]
            if len(claimants) != 1 or not _refers_back(doc, start, end):
                continue
            owner = token_ent.get(start) or token_ent.get(end - 1)
            if owner is None:
                if any(i in token_ent for i in range(start, end)):
                    continue
                added.append(Span(doc, start, end, label=claimants[0].entry.label))
                resolved[start, end] = claimants[0]
            elif clean_name(owner.text).lower() == phrase and owner.label_ not in VALUE_LABELS:
                resolved[owner.start, owner.end] = claimants[0]
        return sorted(ents + added, key=lambda s: s.start) if added else ents

    def _present_actors(self, results: Iterable[_Resolution]) -> dict[int, _Resolution]:
        """Gazetteer actors mentioned in the document, and the actors they are `part_of`."""
        present: dict[int, _Resolution] = {}
        for result in results:
            entry = result.entry
            while entry is not None:
                index = self.gazetteer.by_canonical[entry.canonical]
                present.setdefault(index, _Resolution(entry.canonical, entry.qid, entry))
                entry = self.gazetteer.parent(entry)
        return present

    # -- surnames and spellings

    @staticmethod
    def _link_surnames(ents: list[Span], resolved: dict[tuple[int, int], _Resolution]) -> list[Span]:
        """ "Votel" alone → "Joseph Votel" when exactly one full name in the document ends with it.

        A lone surname the NER took for an ORG or NORP (and the gazetteer does not know)
        becomes a PERSON; places keep their label.
        """
        full: dict[str, set[str]] = {}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                full.setdefault(ent[-1].text, set()).add(resolved[ent.start, ent.end].canonical)
        if not full:
            return ents
        linked = []
        for ent in ents:
            names = full.get(ent.text, set()) if len(ent) == 1 else set()
            relabel = ent.label_ in {"ORG", "NORP"} and resolved[ent.start, ent.end].entry is None
            if len(names) == 1 and (ent.label_ == "PERSON" or relabel):
                ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
                resolved[ent.start, ent.end] = _Resolution(next(iter(names)))
            linked.append(ent)
        return linked

    @staticmethod
    def _unify_spellings(ents: list[Span], resolved: dict[tuple[int, int], _Resolution]) -> None:
        """Names not in the gazetteer: one canonical per spelling up to case (first seen wins)."""
        first: dict[str, _Resolution] = {}
        for ent in ents:
            result = resolved[ent.start, ent.end]
            if result.entry is not None or ent.label_ in VALUE_LABELS:
                continue
            resolved[ent.start, ent.end] = first.setdefault(alias_key(result.canonical).lower(), result)


def _untagged_long_form(
    doc: Doc, paren: int, acronym: str, acronym_ent: Optional[Span]
) -> Optional[Span]:
    """The long form before "(ACR)" when the NER did not tag it whole, as a new entity.

    Searched in the words before the parenthesis (at most min(|ACR| + 5, 2|ACR|), as Schwartz
    & Hearst do) and accepted only when it starts with a capital, so that a common noun phrase
    such as "improvised explosive device (IED)" stays untagged. Entities it covers are replaced
    by it ("The Mahdi Brigades" and "Basra" by "Mahdi Brigades of Basra"); its label is the
    acronym's, else the covered entity's, else ORG.
    """
    if not is_acronym(acronym):
        return None
    window = min(len(acronym) + 5, 2 * len(acronym))
    start = max(0, paren - window)
    start = max([start, *(i for i in range(start + 1, paren) if doc[i].is_sent_start)])
    words = doc[start:paren]
    offset = long_form_start(acronym, words.text)
    if offset is None or not words.text[offset:offset + 1].isupper():
        return None
    if not abbreviates(acronym, words.text[offset:]):
        return None
    span = doc.char_span(words.start_char + offset, words.end_char, alignment_mode="expand")
    if span is None or span.start >= paren:
        return None
    covered = [ent for ent in doc.ents if ent.start < paren and ent.end > span.start]
    if any(ent.end > paren for ent in covered):
        return None
    first = min([span.start, *(ent.start for ent in covered)])
    label = acronym_ent.label_ if acronym_ent is not None else (covered[0].label_ if covered else "ORG")
    return Span(doc, first, paren, label=label)


def _replace_covered(
    ents: list[Span], span: Span, resolved: dict[tuple[int, int], _Resolution]
) -> list[Span]:
    """`ents` with `span` in place of the entities it covers."""
    kept = []
    for ent in ents:
        if ent.end <= span.start or ent.start >= span.end:
            kept.append(ent)
        else:
            resolved.pop((ent.start, ent.end), None)
    resolved[span.start, span.end] = _Resolution(clean_name(span.text))
    return sorted([*kept, span], key=lambda s: s.start)


def _longest_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest non-overlapping matches, in text order (PhraseMatcher returns overlaps)."""
    chosen: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for key, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if not taken.intersection(range(start, end)):
            chosen.append((key, start, end))
            taken.update(range(start, end))
    return sorted(chosen, key=lambda m: m[1])


def _refers_back(doc: Doc, start: int, end: int) -> bool:
    """A short mention used definitely ("the coalition") or as a modifier ("coalition forces").

    As a head noun only "the" makes it a reference back ("a coalition" introduces a new one);
    as a modifier it names the known actor whatever the article ("a coalition patrol").
    Followed by a proper noun or a number it is part of another name ("Task Force Paladin").
    """
    after = doc[end] if end < len(doc) else None
    if after is not None and (after.pos_ in {"PROPN", "NUM"} or after.like_num):
        return False
    if after is not None and _modifies_noun(after):
        return True
    return start > 0 and doc[start - 1].lower_ == "the"


def _modifies_noun(token: Token) -> bool:
    """The token begins a noun phrase's rest: a noun, an adjective, or a participle before one."""
    if not token.is_alpha:
        return False
    if token.pos_ in {"NOUN", "ADJ"}:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.tag_ in {"VBN", "VBG"} and following is not None and following.pos_ in {"NOUN", "ADJ"}


def canonical_of(span: Span) -> tuple[str, Optional[str]]:
    """(canonical, QID) for any span, e.g. an event role that is not exactly an entity.

    The first entity inside or overlapping `span` gives its canonical and QID ("Afghan and
    coalition forces" → the NORP's country); otherwise the gazetteer, then the cleaned text.
    Needs `newsfacts_entities` to have run on the Doc.
    """
    for ent in span.doc.ents:
        if ent.start < span.end and ent.end > span.start and ent._.canonical:
            return ent._.canonical, ent._.kb_id
    entry = load_gazetteer().lookup(span.text)
    return (entry.canonical, entry.qid) if entry else (clean_name(span.text), None)


@Language.factory("newsfacts_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    """The gazetteer ruler; add it before "ner" (see `pipeline.nlp.add_components`)."""
    return GazetteerRuler(nlp, load_gazetteer())


@Language.factory("newsfacts_entities")
def make_canonicalizer(nlp: Language, name: str) -> EntityCanonicalizer:
    """Canonical names and QIDs for every entity; add it after "ner"."""
    return EntityCanonicalizer(nlp, load_gazetteer())
