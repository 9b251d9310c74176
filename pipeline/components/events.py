"""Events component: typed event frames from the dependency parse and the other components.

One `models.Event` per happening. A trigger lexicon (`data/triggers.jsonl`) maps verbs and
event nouns to event types; light verbs ("carried out attacks", "resulted in the
neutralization") take their type from the noun. Generic casualty triggers ("killed",
"neutralization") join the operation they belong to ("killed during an operation", "a raid
... killed"), so a raid that killed three soldiers is one attack with killed=3.

Roles come from the parse (subject, by-phrase, object, passive subject), places from the
entities and an Afghan gazetteer (`data/places_afghanistan.jsonl`, district and province kept
both), the time from `doc._.times` (clause, then sentence, then the paragraph so far: news
style sets the day once, for what is told in the past), counts from `doc._.figures` attached
to the victims. Mentions of the same happening merge; victims are keyed by what they are
("insurgent", a person's name) so a fact told twice counts once while distinct groups add up.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import models
from ..numbers import parse_number_words
from ..dateline import find_dateline
from ..models import EventType, Modality

DATA = Path(__file__).resolve().parents[1] / "data"
CASUALTY_KINDS = ("killed", "wounded", "captured")
_VERB_POS = {"VERB", "AUX", "ADJ"}
_NOUN_POS = {"NOUN", "PROPN"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_TIME_LABELS = {"DATE", "TIME"}
_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}
_QUANTIFIERS = {"one", "some", "several", "dozen", "dozens", "group", "number", "handful", "couple", "all", "many", "most", "none"}
_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj"}
_HOST_PREPS = {"during", "in", "amid", "with", "throughout", "after", "of", "as", "from", "by"}
_DEFINITE = {"the", "this", "these", "that", "those", "its", "their", "his", "her", "our"}
_OPERATION_TYPES = {EventType.ATTACK, EventType.AIRSTRIKE, EventType.MILITARY_OPERATION}
_PEOPLE = "people"  # the key of a group named by a bare number: people, as "60 were killed" means
_CLAUSE_LINKS = {"advcl", "conj", "xcomp", "relcl", "acl", "pcomp"}


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class TriggerEntry:
    """One line of the trigger lexicon."""

    lemma: str
    pos: str
    type: Optional[EventType]
    casualty: Optional[str] = None
    generic: bool = False
    host: bool = False
    light: bool = False
    object_is_place: bool = False
    subject_is_target: bool = False  # "the operation will come to an end": the subject undergoes it
    # the verb is this event only with one of these nouns as its object or complement:
    # "claimed 40 lives", "left 30 people dead", "were taken prisoner"
    object_lemmas: tuple[str, ...] = ()
    object_counted: bool = False  # and that object states a number: "claimed 40 lives", not "claiming lives"
    total: bool = False  # "the death toll": the noun is the whole count of its kind, told by its verb


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], tuple[TriggerEntry, ...]]
    patterns: tuple[tuple[TriggerEntry, list, int], ...]
    cues: dict


@lru_cache(maxsize=None)
def load_lexicon(path: Path = DATA / "triggers.jsonl", cues_path: Path = DATA / "events_cues.json") -> Lexicon:
    """Read the trigger lexicon once; patterned entries go to the Matcher, the rest by lemma."""
    entries: dict[tuple[str, str], list[TriggerEntry]] = {}
    patterns: list[tuple[TriggerEntry, list, int]] = []
    for line in path.read_text(encoding="utf8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        entry = TriggerEntry(
            lemma=row["lemma"],
            pos=row["pos"],
            type=EventType(row["type"]) if row.get("type") else None,
            casualty=row.get("casualty"),
            generic=row.get("generic", False),
            host=row.get("host", False),
            light=row.get("light", False),
            object_is_place=row.get("object_is_place", False),
            subject_is_target=row.get("subject_is_target", False),
            object_lemmas=tuple(row.get("object_lemmas", ())),
            object_counted=row.get("object_counted", False),
            total=row.get("total", False),
        )
        if "pattern" in row:
            patterns.append((entry, row["pattern"], row.get("head", 0)))
        else:
            entries.setdefault((entry.lemma, entry.pos), []).append(entry)
    cues = json.loads(cues_path.read_text(encoding="utf8"))
    cues = {k: set(v) if isinstance(v, list) else v for k, v in cues.items()}
    cues["event_nouns"] = {lemma for lemma, pos in entries if pos == "NOUN"}
    return Lexicon({k: tuple(v) for k, v in entries.items()}, tuple(patterns), cues)


@dataclass(frozen=True)
class Place:
    """A gazetteer place: a province, or a district with the province(s) it lies in."""

    canonical: str
    level: str  # "province" | "district"
    provinces: tuple[str, ...]  # province keys, e.g. ("kandahar",)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    canonical: str
    label: str
    provinces: tuple[str, ...] = ()


class Gazetteer:
    """Afghan provinces and districts with spelling variants, matched case-sensitively.

    Short or common district names ("Bak", "Chak", "Andar") only count when the text says
    "district" after them; a province name stands alone. A district name found in two
    provinces is resolved by a province named in the same article.
    """

    def __init__(self, path: Path = DATA / "places_afghanistan.jsonl") -> None:
        self.names: dict[str, list[Place]] = {}
        self.province_names: dict[str, str] = {}  # key -> canonical province
        for line in path.read_text(encoding="utf8").splitlines():
            row = json.loads(line)
            province = Place(f"{row['province']} Province", "province", (row["key"],))
            self.province_names[row["key"]] = province.canonical
            for name in [row["province"], *row["variants"]]:
                self.names.setdefault(_norm(name), []).insert(0, province)
            for district in row["districts"]:
                place = Place(f"{district['name']} District, {row['province']} Province", "district", (row["key"],))
                for name in [district["name"], *district["variants"]]:
                    self.names.setdefault(_norm(name), []).append(place)
        alternatives = sorted({_variant_regex(n) for n in self.names}, key=len, reverse=True)
        self.regex = re.compile(
            r"(?<![\w'’-])(?P<name>" + "|".join(alternatives) + r")(?![\w'’-])"
            r"(?P<designator>\s+(?:district|province|District|Province|city|City)s?\b)?"
        )

    def find(self, text: str) -> list[PlaceMention]:
        """Every province or district named in `text`, with its designator word if any."""
        found: list[tuple[re.Match[str], list[Place]]] = []
        for match in self.regex.finditer(text):
            places = self.names.get(_norm(match.group("name")), [])
            designator = (match.group("designator") or "").strip().lower().rstrip("s")
            places = self._choose(places, designator, match.group("name"))
            if places:
                found.append((match, places))
        named = {p.provinces[0] for _, ps in found for p in ps if p.level == "province" and len(ps) == 1}
        mentions = []
        for n, (match, places) in enumerate(found):
            stated = self._stated_province(text, match, found[n + 1] if n + 1 < len(found) else None)
            if stated is not None and all(p.level == "district" for p in places):
                places = [p for p in places if stated in p.provinces] or [self._district_in(match.group("name"), stated)]
            if len(places) > 1:
                preferred = [p for p in places if set(p.provinces) & named] or places
                if len({p.provinces for p in preferred}) > 1:
                    continue
                places = preferred
            place = places[0]
            mentions.append(
                PlaceMention(match.start(), match.end(), match.group(0), place.canonical, "GPE", place.provinces)
            )
        return mentions

    @staticmethod
    def _stated_province(text: str, match: re.Match[str], following: Optional[tuple[re.Match[str], list[Place]]]) -> Optional[str]:
        """The province the text puts a district in: "Jani Khel district, Paktika province",
        "Murghab and Muqor districts of Badghis province". The text's word wins over the
        gazetteer: districts share names across provinces, and borders were redrawn."""
        if following is None:
            return None
        next_match, next_places = following
        provinces = {p.provinces[0] for p in next_places if p.level == "province"}
        if len(provinces) != 1 or not re.fullmatch(r",\s*|\s+(?:in|of)\s+(?:the\s+)?", text[match.end() : next_match.start()]):
            return None
        return provinces.pop()

    def _district_in(self, name: str, province_key: str) -> Place:
        """A district the gazetteer lists elsewhere, placed where the text says it is."""
        known = self.names[_norm(name)][0]
        district = known.canonical.split(" District, ")[0]
        return Place(f"{district} District, {self.province_names[province_key]}", "district", (province_key,))

    @staticmethod
    def _choose(places: list[Place], designator: str, name: str) -> list[Place]:
        if designator == "province":
            return [p for p in places if p.level == "province"]
        if designator == "district":
            return [p for p in places if p.level == "district"] or places
        provinces = [p for p in places if p.level == "province"]
        if provinces:
            return provinces
        if len(name) < 6 or " " not in name and len(name) < 7:
            return []  # a short bare name: too likely a person's name or a common word
        return places


def _norm(name: str) -> str:
    return re.sub(r"[\s\-'’]+", " ", name).strip().lower()


def _variant_regex(norm_name: str) -> str:
    # the first letter of each word may be either case ("Nahr-e Saraj", "Nahr-E Saraj"); the rest
    # is lower case, so "KABUL" in a dateline is not a place mention
    parts = [f"[{p[0].upper()}{p[0]}]{re.escape(p[1:])}" if p[0].isalpha() else re.escape(p) for p in norm_name.split(" ")]
    return r"[\s\-'’]*".join(parts)


@lru_cache(maxsize=None)
def load_gazetteer() -> Gazetteer:
    return Gazetteer()


@lru_cache(maxsize=None)
def _roundup_regex() -> re.Pattern[str]:
    return re.compile("|".join(sorted(load_lexicon().cues["roundup_patterns"])))


def is_roundup(sentence: str) -> bool:
    """Whether a sentence sums up several incidents told one by one elsewhere ("More than 15
    insurgents were killed during separate operations ... over the last 24 hours")."""
    return _roundup_regex().search(sentence) is not None


def province_keys(role: models.Role) -> list[str]:
    """Province keys ("kandahar") of a location role produced by this component."""
    gazetteer = load_gazetteer()
    match = re.search(r"(?:^|, )([^,]+) Province$", role.canonical)
    wanted = role.admin1 or (f"{match.group(1)} Province" if match else None)
    return [key for key, canonical in gazetteer.province_names.items() if canonical == wanted]


# ---------------------------------------------------------------- mentions


@dataclass
class Victim:
    """A group hit by a casualty trigger: how many, and a key saying which group it is."""

    kind: str
    count: int
    key: str
    anaphoric: bool = False
    negated: bool = False
    figure_ids: tuple[str, ...] = ()
    source: int = -1  # token index of the trigger that names this group
    sentence: int = -1  # token index where the trigger's sentence starts
    distinct: bool = False  # marked as a new group: "also", "additional", "other"
    retelling: bool = False  # in a list that opens with a group told before: a lower bound
    vague: bool = False  # counted by a vague word or a bare plural ("several men", "insurgents")
    total: bool = False  # a toll ("the number injured topped 150"): the whole count of its kind
    elliptical: bool = False  # a bare number ("killing three", "at least 60 were killed")


@dataclass
class Mention:
    """One trigger occurrence with what the parse tells about it."""

    token: Token
    start: int
    end: int
    entry: TriggerEntry
    type: EventType
    clause: Token  # the verb whose clause carries time, place, modality
    paragraph: int
    noun: bool
    supported: bool = False  # an event noun with a light verb: the verb's subject is the agent
    agents: list[models.Role] = field(default_factory=list)
    targets: list[models.Role] = field(default_factory=list)
    victims: list[Victim] = field(default_factory=list)
    locations: list[PlaceMention] = field(default_factory=list)
    time: Optional[models.TimeExpr] = None
    fallback_time: Optional[models.TimeExpr] = None  # set earlier in the paragraph
    modality: Modality = Modality.ASSERTED
    attribution: Optional[models.Span] = None
    figure_ids: list[str] = field(default_factory=list)
    host: Optional["Mention"] = None  # the operation a casualty trigger is part of (merged)
    related: Optional["Mention"] = None  # the operation a trigger happened during (not merged)
    fallback_locations: list[PlaceMention] = field(default_factory=list)
    roundup: bool = False  # in a sentence summing up several incidents: merges only with its own
    earlier: bool = False  # "detained previously": told as an earlier happening, never a repeat


class EventTagger:
    """Sets `doc._.events` to one `models.Event` per happening, sorted by trigger start."""

    def __init__(self, vocab) -> None:
        self.lexicon = load_lexicon()
        self.gazetteer = load_gazetteer()
        self.matcher = Matcher(vocab)
        self.pattern_entries: dict[str, tuple[TriggerEntry, int]] = {}
        for n, (entry, pattern, head) in enumerate(self.lexicon.patterns):
            key = f"trigger{n}"
            self.matcher.add(key, [pattern])
            self.pattern_entries[key] = (entry, head)

    def __call__(self, doc: Doc) -> Doc:
        context = _Context(doc, self.lexicon.cues, self.gazetteer)
        mentions = list(self._mentions(doc, context))
        by_token = {m.token.i: m for m in mentions}
        for mention in mentions:
            context.fill(mention, by_token)
        for mention in mentions:
            if mention.entry.generic:
                mention.host = _find_host(mention, by_token)
            else:  # "detained during the operation": not merged, but sets time and place
                mention.related = _find_host(mention, by_token)
        doc._.events = list(_merge(mentions, context))
        return doc

    def _mentions(self, doc: Doc, context: "_Context") -> Iterator[Mention]:
        taken: set[int] = set()
        for match_id, start, end in self.matcher(doc):
            entry, head = self.pattern_entries[doc.vocab.strings[match_id]]
            token = doc[start + head]
            if token.i in taken or entry.total and _total_figure_token(token) is None:
                continue  # "as the death toll mounted" tells no count and no happening
            taken.update(range(start, end))
            yield self._mention(doc, token, entry, context, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        for token in doc:
            if token.i in taken:
                continue
            entry = self._entry(token)
            if entry is None or entry.type is None:
                continue
            yield self._mention(doc, token, entry, context, token.idx, token.idx + len(token))

    def _entry(self, token: Token) -> Optional[TriggerEntry]:
        lemma = token.lemma_.lower()
        if token.pos_ in _NOUN_POS:
            if token.dep_ == "compound" or token.pos_ == "PROPN" and token.ent_type_:
                return None
            candidates = self.lexicon.entries.get((lemma, "NOUN"), ())
        elif token.pos_ in _VERB_POS:
            candidates = self.lexicon.entries.get((lemma, "VERB"), ())
            if token.pos_ == "ADJ":
                candidates = tuple(c for c in candidates if c.casualty)
        else:
            return None
        for entry in candidates:
            if entry.light:
                return entry if entry.type and not _light_object(token, self.lexicon) else None
            if entry.object_is_place and not _has_place_object(token):
                continue
            if entry.object_lemmas and not _has_object_lemma(token, entry.object_lemmas, entry.object_counted):
                continue
            return entry
        return None

    def _mention(self, doc: Doc, token: Token, entry: TriggerEntry, context: "_Context", start: int, end: int) -> Mention:
        noun = token.pos_ in _NOUN_POS
        clause = _clause_verb(token, self.lexicon) if noun else token
        support = _support_verb(token, self.lexicon) if noun else None
        supported = support is not None and support.i == clause.i
        return Mention(
            supported=supported,
            token=token,
            start=start,
            end=end,
            entry=entry,
            type=entry.type,
            clause=clause,
            paragraph=context.paragraph_of(start),
            noun=noun,
        )


@Language.factory("newsfacts_events")
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    return EventTagger(nlp.vocab)


# ---------------------------------------------------------------- parse helpers


def _light_object(token: Token, lexicon: Lexicon) -> Optional[Token]:
    """The event noun a light verb supports ("conducted an operation", "resulted in ... raids")."""
    for child in token.children:
        candidates = [child] if child.dep_ in _OBJ | _PASS_SUBJ else []
        if child.dep_ == "prep":
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        for noun in candidates:
            if any(e.type for e in lexicon.entries.get((noun.lemma_.lower(), "NOUN"), ())):
                return noun
    return None


def _is_light(token: Token, lexicon: Lexicon) -> bool:
    return any(e.light for e in lexicon.entries.get((token.lemma_.lower(), "VERB"), ()))


def _support_verb(token: Token, lexicon: Lexicon) -> Optional[Token]:
    """The light verb of an event noun: "conducted an operation", "the operation carried out",
    "resulted in the neutralization"."""
    for child in token.children:
        if child.dep_ in ("acl", "relcl") and _is_light(child, lexicon):
            return child
    head = token.head
    if token.dep_ in _OBJ | _PASS_SUBJ and _is_light(head, lexicon):
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and _is_light(head.head, lexicon):
        return head.head
    return None


def _clause_verb(token: Token, lexicon: Lexicon) -> Token:
    """For an event noun: the light verb that supports it, else the verb that governs it."""
    support = _support_verb(token, lexicon)
    if support is not None:
        return support
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return token


def _has_place_object(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in _OBJ | _PASS_SUBJ:
            return child.ent_type_ in _PLACE_LABELS or child.lemma_.lower() in {"city", "town", "village", "territory", "area", "district", "province", "region"}
    return False


def _has_object_lemma(verb: Token, lemmas: tuple[str, ...], counted: bool = False) -> bool:
    """Whether the verb's object, passive subject or complement is one of `lemmas` ("claimed
    40 lives", "left 30 people dead", "were taken prisoner"), numbered when `counted`. A verb
    moving someone somewhere ("the prisoners were taken to a hospital") is not a capture."""
    if any(c.dep_ == "prep" and c.lower_ in ("to", "from") for c in verb.children):
        return False
    return any(
        c.dep_ in _OBJ | _PASS_SUBJ | {"oprd", "attr", "acomp"} and c.lemma_.lower() in lemmas and (not counted or _numbered(c))
        for c in verb.children
    )


_TOTAL_PREPS = {"to", "at", "past", "above", "beyond"}


def _total_figure_token(noun: Token) -> Optional[Token]:
    """The number a total noun is told to be: in its own phrase ("a death toll of 31") or
    predicated of it ("the toll rose to 31", "the number injured topped 150", "the toll is 31")."""
    lo, hi = _phrase(noun)
    own = next((t for t in noun.doc[lo:hi] if t.like_num), None)
    if own is not None or noun.dep_ not in _SUBJ | _PASS_SUBJ:
        return own
    verb = noun.head
    for child in verb.children:
        heads = [child] if child.dep_ in _OBJ | {"attr", "oprd", "npadvmod"} else []
        if child.dep_ == "prep" and child.lower_ in _TOTAL_PREPS:
            heads = [c for c in child.children if c.dep_ == "pobj"]
        for head in heads:
            number = head if head.like_num else next((c for c in head.children if c.dep_ == "nummod"), None)
            if number is not None:
                return number
    return None


def _numbered(noun: Token) -> bool:
    """Whether a noun states how many ("at least 40 lives")."""
    return any(c.dep_ == "nummod" or c.like_num for c in noun.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children) or _shares_passive(verb)


def _shares_passive(verb: Token) -> bool:
    """A bare participle coordinated with a passive verb shares its auxiliary: in "40 were
    killed and 300 injured" the 300 are injured, though the parser makes them a subject."""
    if verb.tag_ != "VBN" or verb.dep_ != "conj" or verb.head.tag_ != "VBN":
        return False
    if any(c.dep_ in ("aux", "auxpass") or c.dep_ in _OBJ for c in verb.children):
        return False
    head = verb.head
    return any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in head.children)


def _subject(verb: Token) -> Optional[Token]:
    """The active subject, inherited through participles and coordinated verbs; a nominal
    subject before a clausal one ("concluding ISAF killed": ISAF)."""
    node = verb
    for _ in range(4):
        subjects = sorted((c for c in node.children if c.dep_ in _SUBJ), key=lambda c: c.dep_ != "nsubj")
        if subjects:
            return subjects[0]
        if node.dep_ in ("advcl", "conj", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "relcl":
            return node.head
        break
    return None


def _phrase(token: Token) -> tuple[int, int]:
    """Token range of a noun phrase: its head with modifiers and "of"-phrase, without clauses."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "amod", "nummod", "flat", "poss", "appos") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i)
        else:
            break
    return left, right + 1


def _role(doc: Doc, token: Token, all_ents: list[SpacySpan], floor: int = 0) -> models.Role:
    """The participant's noun phrase; its canonical name is that of the actor or place entity
    inside it, else the phrase without its determiner ("one of these militias" -> "militias")."""
    start, end = _phrase(token)
    while start < token.i and doc[start].idx < floor:  # never reach back into the header
        start += 1
    span = doc[start:end]
    named = _partitive(token) or token
    lo, hi = _phrase(named)
    lo = max(lo, start) if named.i == token.i else lo
    ents = [e for e in all_ents if e.start >= lo and e.end <= hi and e.label_ in _ACTOR_LABELS]
    if ents:
        ent = max(ents, key=len)
        canonical, label = ent._.canonical or ent.text, ent.label_
    else:
        words = [t for t in doc[lo:hi] if not (t.i == lo and t.dep_ == "det") and t.dep_ != "predet"]
        canonical, label = " ".join(t.text for t in words) or span.text, None
    return models.Role(text=span.text, start=span.start_char, end=span.end_char, canonical=canonical, label=label)


def _leaders(token: Token) -> list[Token]:
    """The leader named in "US-led coalition", "an Afghan-led security force"."""
    return [
        leader
        for child in token.children
        if child.dep_ == "amod" and child.lower_ == "led"
        for leader in child.children
        if leader.dep_ in ("npadvmod", "compound", "nmod")
    ]


def _partitive(token: Token) -> Optional[Token]:
    """The noun of "one of these militias", "two of the shooters"."""
    if token.pos_ != "NUM" and token.lemma_.lower() not in _QUANTIFIERS:
        return None
    return next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)


def _alias(token: Token) -> Optional[Token]:
    """The name in "the insurgent, known as Mahmood" / "identified as Jan": the last word."""
    for acl in token.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in ("know", "identify", "name", "call"):
            for prep in acl.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    name = next((p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
                    if name is not None:
                        return name
    return None


def _hyphen_part(token: Token) -> bool:
    """A piece of a hyphenated word the parser split ("sub", "-" in "sub-commander")."""
    doc = token.doc
    return token.text == "-" or (token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not doc[token.i + 1].whitespace_ and not token.whitespace_)


def _expand(token: Token) -> list[Token]:
    """A head and its conjuncts, not the halves of a hyphenated word ("sub-commander")."""
    return [token] + [
        c for c in token.conjuncts
        if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET") and not (c.i > 0 and c.doc[c.i - 1].text == "-")
    ]


def _arguments(mention: Mention) -> tuple[list[Token], list[Token]]:
    """Agent and target heads of a mention."""
    token, verb = mention.token, mention.clause
    agents: list[Token] = []
    targets: list[Token] = []
    if mention.noun:
        for child in token.children:
            if child.dep_ == "poss":
                agents.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "of", "against", "on"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                (agents if child.lower_ == "by" else targets).extend(objs)
        if mention.supported:
            agents.extend(_verb_agents(verb))
        agents.extend(_responsible(token))
    else:
        agents.extend(_verb_agents(verb))
        if _is_passive(verb):
            patients = _PASS_SUBJ | _SUBJ if _shares_passive(verb) else _PASS_SUBJ
            targets.extend(c for c in verb.children if c.dep_ in patients)
            if not targets:  # inverted: "Also killed in the strike were a dozen insurgents"
                targets.extend(a for aux in verb.children if aux.dep_ == "auxpass" for a in aux.children if a.dep_ == "attr")
        else:
            targets.extend(c for c in verb.children if c.dep_ in _OBJ)
            if not targets and mention.entry.casualty:
                targets.extend(_number_object(verb))
        if not targets and verb.dep_ in ("acl", "amod") and verb.head.pos_ in _NOUN_POS | {"PRON", "NUM"}:
            targets.append(verb.head)  # "insurgents killed in the strike", "wounded insurgents", "300 injured"
        if not targets and verb.dep_ in ("oprd", "xcomp") and _is_passive(verb.head):
            # "a commander was confirmed killed", "two were reported wounded"
            targets.extend(c for c in verb.head.children if c.dep_ in _PASS_SUBJ)
        if not targets:
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in ("against", "on"):
                    targets.extend(c for c in child.children if c.dep_ == "pobj")
        if targets and mention.entry.casualty:
            targets.extend(_along_with(verb))
    agents, targets = [_antecedent(t) for t in agents], [_antecedent(t) for t in targets]
    return [a for t in agents for a in _expand(t)], [v for t in targets for v in _expand(t)]


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for: "12 hostages who were captured" -> hostages."""
    clause = token.head
    if token.tag_ in ("WP", "WDT") and clause.dep_ == "relcl" and clause.head.pos_ in _NOUN_POS | {"NUM", "PRON"}:
        return clause.head
    return token


_QUANTITY_PREPS = {"over", "about", "around", "nearly", "almost", "approximately", "under", "some"}


def _number_object(verb: Token) -> list[Token]:
    """The object of "wounded over 5,000": the parser reads the quantity word as a preposition
    and the number as its object."""
    return [
        pobj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in _QUANTITY_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.like_num
    ]


def _responsible(noun: Token) -> list[Token]:
    """The agent named by responsibility: "the Haqqani network was responsible for the attack",
    "the Taliban claimed responsibility for the bombing"."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "for"):
        return []
    word = noun.head.head
    if word.lemma_.lower() == "responsible" and word.dep_ in ("acomp", "amod"):
        holder = word.head if word.dep_ == "acomp" else None
    elif word.lemma_.lower() == "responsibility" and word.dep_ == "dobj":
        holder = word.head
    else:
        return []
    subject = _subject(holder) if holder is not None else None
    return [subject] if subject is not None and subject.pos_ != "PRON" else []


def _along_with(verb: Token) -> list[Token]:
    """Victims added by "detained the leader along with two of his associates"."""
    return [
        obj
        for along in verb.children
        if along.dep_ == "prep" and along.lower_ in ("along", "together")
        for with_ in along.children
        if with_.lower_ == "with"
        for obj in with_.children
        if obj.dep_ == "pobj"
    ]


def _verb_agents(verb: Token) -> list[Token]:
    if _is_passive(verb):
        return [c for p in verb.children if p.dep_ == "agent" for c in p.children if c.dep_ == "pobj"]
    subject = _subject(verb)
    return [subject] if subject is not None else []


def _find_host(mention: Mention, by_token: dict[int, Mention]) -> Optional[Mention]:
    """The operation a generic casualty trigger belongs to: "killed during an operation",
    "a raid ... killed", "the operation, which resulted in the neutralization"."""

    def host_at(token: Token) -> Optional[Mention]:
        found = by_token.get(token.i)
        return found if found is not None and found.entry.host else None

    token = mention.token
    start = mention.clause if mention.noun else token
    # the subject or a prepositional phrase of the trigger's own clause
    for child in start.children:
        if child.dep_ in _SUBJ | {"agent"}:
            found = host_at(child)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ in _HOST_PREPS:
            for pobj in child.children:
                found = host_at(pobj) or next((host_at(p) for pp in pobj.children if pp.dep_ == "prep" for p in pp.children), None)
                if found:
                    return found
    # up the clause chain: "conducted the air strike, killing ...", "operation which resulted in ..."
    node = start
    for _ in range(3):
        if node.head.i == node.i:
            break
        if node.dep_ == "relcl":
            return host_at(node.head)
        if node.dep_ not in _CLAUSE_LINKS | {"pobj", "prep", "dobj"}:
            break
        # coordinated verbs share their subject: "the attack killed 253 and injured 5,000"
        roles = _OBJ | _PASS_SUBJ | (_SUBJ if node.dep_ == "conj" else set())
        node = node.head
        found = host_at(node)
        if found:
            return found
        for child in node.children:
            if child.dep_ in roles:
                found = host_at(child)
                if found:
                    return found
    return None


# ---------------------------------------------------------------- context


class _Context:
    """Per-document lookups: paragraphs, places, times, figures, dateline span."""

    def __init__(self, doc: Doc, cues: dict, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.cues = cues
        self.gazetteer = gazetteer
        text = doc.text
        # a line break (also U+2028), or (in releases flattened to one line) a run of spaces after a sentence
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"[\n\u2028\u2029]\s*|(?<=[.!?\"”])[ \t\u00a0]{2,}", text)]
        dateline = find_dateline(text)
        self.header_end = dateline.end if dateline is not None else 0
        places = gazetteer.find(text)
        taken = [(p.start, p.end) for p in places]
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS and not any(s < ent.end_char and ent.start_char < e for s, e in taken):
                places.append(PlaceMention(ent.start_char, ent.end_char, ent.text, ent._.canonical or ent.text, ent.label_))
        self.places = sorted((p for p in places if p.start >= self.header_end), key=lambda p: p.start)
        self.times = [
            t for t in (doc._.times or [])
            if t.type in ("DATE", "TIME") and t.value and re.match(r"\d{4}", t.value) and t.start >= self.header_end
        ]
        self.figures = list(doc._.figures or [])
        self.ents = list(doc.ents)
        self.sentences = list(doc.sents)
        self.sentence_index = [0] * len(doc)
        for n, sentence in enumerate(self.sentences):
            self.sentence_index[sentence.start : sentence.end] = [n] * len(sentence)
        lede = next((self.sentence_index[t.i] for t in doc if t.idx >= self.header_end and not (t.is_space or t.is_punct)), None)
        self.lede_time = next(
            (t for t in self.times if lede is not None and self.sentences[lede].start_char <= t.start < self.sentences[lede].end_char), None
        )  # news style: the first sentence sets the day of the report

    def admin1(self, place: PlaceMention) -> Optional[str]:
        """The province a gazetteer place lies in ("Kandahar Province"); None when it spans
        several or is not a gazetteer place."""
        names = {self.gazetteer.province_names[key] for key in place.provinces}
        return names.pop() if len(names) == 1 else None

    def _in_place(self, token: Token) -> bool:
        return any(p.start <= token.idx < p.end for p in self.places)

    def sentence(self, token: Token) -> SpacySpan:
        """`token.sent` walks the Doc on every call; this looks it up."""
        return self.sentences[self.sentence_index[token.i]]

    def paragraph_of(self, char: int) -> int:
        lo, hi = 0, len(self.paragraph_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.paragraph_starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def fill(self, mention: Mention, by_token: dict[int, Mention]) -> None:
        doc = self.doc
        agents, targets = _arguments(mention)
        if mention.entry.total:  # "the death toll rose to 31": the toll is the count
            agents, targets = [], [mention.token]
        if mention.entry.subject_is_target:
            # an intransitive verb ("more than 100 people have died"): the subject undergoes it,
            # and a noun the parser hangs on it as an object is not a second victim
            agents, targets = [], agents
        agents = agents + [leader for t in agents + targets for leader in _leaders(t) if leader not in agents]
        # a place, a day or the release header is never a victim ("in Shigal wa Sheltan district",
        # "the murder of a shopkeeper on Monday")
        targets = [
            t for t in targets
            if t.idx >= self.header_end and t.ent_type_ not in _PLACE_LABELS | _TIME_LABELS and not self._in_place(t) and not _hyphen_part(t)
        ]
        mention.agents = [
            _role(doc, t, self.ents, self.header_end) for t in agents if t.pos_ != "PRON" and t.i not in by_token and t.idx >= self.header_end
        ]
        mention.targets = [_role(doc, t, self.ents, self.header_end) for t in targets if t.pos_ != "PRON"]
        if mention.entry.casualty:
            also = any(c.lemma_.lower() in self.cues["distinct_modifiers"] | {"also", "additionally"} for c in mention.clause.children)
            mention.victims = [
                replace(self._victim(mention.entry.casualty, t), source=mention.token.i, sentence=mention.token.sent.start) for t in targets if self._animate(t)
            ]
            mention.victims = [_also(v) if also else replace(v, distinct=v.distinct or v.key.endswith("+other")) for v in mention.victims]
            if len(mention.victims) > 1 and any(v.anaphoric and v.key != "*" for v in mention.victims):
                # "detained the leader along with two of his associates": a list naming a
                # group told before retells the haul, so it bounds the total from below
                mention.victims = [replace(v, retelling=True) for v in mention.victims]
            mention.victims += self._gapped_victims(mention)
            if mention.victims and mention.victims[0].negated:  # "No Afghan or coalition forces"
                mention.victims = [Victim(v.kind, 0, v.key, negated=True) for v in mention.victims]
        lo, hi = _clause_range(mention)
        mention.locations, mention.fallback_locations = self._locations(mention, lo, hi)
        mention.modality = self._modality(mention)  # before the time: a fallback time must share it
        mention.time, mention.fallback_time = self._time(mention, lo, hi)
        if mention.token.dep_ == "amod":
            # "The detained leader was responsible for attacks in Helmand": the participle names
            # a happening told elsewhere; its clause's places and times are about something else
            mention.locations, mention.time = [], None
        elif mention.noun and _definite(mention.token) and not mention.supported:
            # "The target of the operation leads groups in Kandahar": a noun pointing back at a
            # happening keeps only the places of its own phrase ("the operation in Zabul")
            token = mention.token
            lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
            mention.locations = [p for p in mention.locations if lo <= p.start and p.end <= hi]
        mention.attribution = self._attribution(mention)
        mention.figure_ids = self._figures(mention)
        mention.roundup = is_roundup(self.sentence(mention.token).text)
        mention.earlier = any(c.dep_ == "advmod" and c.lower_ in self.cues["earlier_happening_adverbs"] for c in mention.clause.children)

    # ------------------------------------------------ casualties

    def _victim(self, kind: str, head: Token) -> Victim:
        cues = self.cues
        start, end = _phrase(head)
        span = self.doc[start:end]
        counted = _partitive(head) or head
        negated = any(t.lower_ in cues["negation_determiners"] for t in span[:2])
        distinct = any(c.lemma_.lower() in cues["distinct_modifiers"] for c in counted.children) or counted.lemma_.lower() in ("other", "others")
        figures = [
            f for f in self.figures
            # inside the phrase, or around its head ("over 5,000" when "over" is parsed as a preposition)
            if (f.start >= span.start_char and f.end <= span.end_char or f.start <= head.idx < f.end) and f.value is not None and f.dimension == "count"
        ]
        persons = [e for e in self.ents if e.label_ == "PERSON" and e.start >= start and e.end <= end]
        partitive = counted.i != head.i and any(c.lower_ in cues["definite_determiners"] for c in counted.children if c.dep_ == "det")
        # "the leader", "the two individuals", "two of the shooters": told before
        definite = span[0].lower_ in cues["definite_determiners"] or partitive
        lemma = counted.lemma_.lower()
        key = lemma + ("+other" if distinct else "")
        if negated:
            return Victim(kind, 0, key, negated=True)
        if lemma in cues["total_nouns"] and not figures:
            total = self._total_victim(kind, counted)
            if total is not None:
                return total
        elliptical = counted.pos_ == "NUM"  # "returned fire, killing three": the group told before
        alias = _alias(counted)
        if alias is not None:  # "the insurgent, known as Mahmood": named here, so no anaphor
            return Victim(kind, 1, "name:" + alias.lower_)
        if figures:
            count = int(figures[0].value) + self._exceeded(figures[0])
            vague = not re.search(r"\d", figures[0].text) and parse_number_words(figures[0].text.split()) is None
            return Victim(kind, count, key, anaphoric=definite or elliptical, figure_ids=(figures[0].id,), elliptical=elliptical, vague=vague)
        if persons or counted.pos_ == "PROPN":
            # a named individual counts one; keyed by the last word of the name, which survives
            # a missed entity or a shortened second mention ("Fayez Jan" ... "Jan")
            name = persons[0][-1] if persons else counted
            return Victim(kind, 1, "name:" + name.lower_)
        if counted.pos_ == "PRON":
            plural = counted.lower_ in cues["plural_pronouns"] or counted.lower_ in ("others",)
            if counted.lower_ == "others":
                return Victim(kind, cues["vague_plural_value"], key)
            return Victim(kind, cues["vague_plural_value"] if plural else 1, "*", anaphoric=True)
        if any(c.dep_ == "nummod" for c in counted.children):
            number = next(c for c in counted.children if c.dep_ == "nummod")
            if number.lower_ in ("one", "1", "a"):
                return Victim(kind, 1, key)
        plural = counted.tag_ in ("NNS", "NNPS")
        count = cues["vague_plural_value"] if plural else 1
        return Victim(kind, count, key, anaphoric=definite, vague=plural)

    def _gapped_victims(self, mention: Mention) -> list[Victim]:
        """The remnants of a gapped clause: "killed 14 people in Ohio and 6 in Indiana" is
        "and [killed] 6 [people] in Indiana", another group of the same kind. The parser makes
        the remnant number a conjunct of the verb; it is keyed by the group and its place."""
        if not mention.victims or mention.noun:
            return []
        first = mention.victims[0]
        gapped = []
        for remnant in mention.clause.children:
            if remnant.dep_ != "conj" or remnant.pos_ != "NUM" or any(c.dep_ in _SUBJ | _OBJ or c.pos_ == "VERB" for c in remnant.children):
                continue  # "and 58 injured" has a verb of its own
            figure = next((f for f in self.figures if f.start <= remnant.idx < f.end and f.value is not None and f.dimension == "count"), None)
            if figure is None:
                continue
            place = next((p for c in remnant.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"), None)
            where = place.lower_ if place is not None else str(remnant.i)
            count = int(figure.value) + self._exceeded(figure)
            gapped.append(replace(first, count=count, key=f"{first.key}@{where}", figure_ids=(figure.id,), anaphoric=False, elliptical=False, distinct=True))
        return gapped

    def _total_victim(self, kind: str, noun: Token) -> Optional[Victim]:
        """A toll told by its verb ("the number injured topped 150"): the figure is the count."""
        number = _total_figure_token(noun)
        figure = next((f for f in self.figures if number is not None and f.start <= number.idx < f.end and f.value is not None and f.dimension == "count"), None)
        if figure is None:
            return None
        count = int(figure.value) + max(self._exceeded(figure), self._passed(number))
        return Victim(kind, count, "total", figure_ids=(figure.id,), total=True)

    def _passed(self, number: Token) -> int:
        """1 when a toll is told to exceed its number ("topped 150", "rose past 150": at least 151)."""
        head = number.head
        verb = head.head if head.dep_ == "prep" else head
        return int(verb.lemma_.lower() in self.cues["exceeding_verbs"] or head.dep_ == "prep" and head.lower_ in ("past", "above", "beyond"))

    def _animate(self, head: Token) -> bool:
        """Whether a casualty trigger's target can be a victim: not an event ("attacks"),
        materiel ("detained two insurgents and secured multiple weapons" parsed as one list) or
        nobody in particular ("it was not clear whether anyone was injured")."""
        lemma = (_partitive(head) or head).lemma_.lower()
        return lemma not in self.cues["event_nouns"] | self.cues["materiel_nouns"] | self.cues["nonspecific_pronouns"]

    def _exceeded(self, figure: models.Figure) -> int:
        """1 when the figure is a bound that is exceeded ("more than 10": at least 11)."""
        text = figure.text.lower()
        return int(figure.lower is not None and figure.upper is None and any(text.startswith(w + " ") for w in self.cues["strict_lower_bounds"]))

    # ------------------------------------------------ places and time

    def _locations(self, mention: Mention, lo: int, hi: int) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """Places of the trigger's clause, else of its sentence; and apart, the last place named
        before it, used only when the merged event and its operation name none."""
        sentence = self.sentence(mention.token)
        for a, b in ((lo, hi), (sentence.start_char, sentence.end_char)):
            inside = [p for p in self.places if a <= p.start and p.end <= b]
            if inside:
                own = [p for p in inside if not self._in_participant_clause(mention, p)]
                return own or inside, []
        before = [p for p in self.places if p.end <= mention.start]
        same_paragraph = [p for p in before if self.paragraph_of(p.start) == mention.paragraph]
        return [], (same_paragraph or before)[-1:]

    def _in_participant_clause(self, mention: Mention, place: PlaceMention) -> bool:
        """Whether a place sits in a clause describing a participant, not the happening: "in
        pursuit of a sub-commander operating in Mata Khan district", "a leader who operates in
        Zhari" (that is where he works; the operation may be elsewhere)."""
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return False
        for node in span.root.ancestors:
            if node.i in (mention.token.i, mention.clause.i):
                return False
            if node.dep_ in ("acl", "relcl") and node.head.pos_ in _NOUN_POS and node.head.i != mention.token.i:
                return True
        return False

    def _time(self, mention: Mention, lo: int, hi: int) -> tuple[Optional[models.TimeExpr], Optional[models.TimeExpr]]:
        """The time of the trigger's clause, else the nearest in its sentence; and apart, the
        last one set earlier in the paragraph (else the lede's: its "yesterday" also dates "several
        insurgents were detained" paragraphs below), used only when the merged event has no time.
        Such a fallback dates only what the narrative places at it: not a present-tense clause
        (`_present_tense`), not from a planned clause (`_may_date`), and from the lede only a day
        (`_day`)."""
        if not self.times:
            return None, None
        sentence = self.sentence(mention.token)
        times = self.times
        if mention.noun and mention.clause.lemma_.lower() in self.cues["attribution_verbs"]:
            # "today confirmed the arrest ... Sept. 19": the day of the report, next to its verb,
            # is not the day of the event
            verb = mention.clause
            times = [t for t in times if not (self._head_verb(t) == verb.i and abs(t.start - verb.idx) < 20)]
        in_sentence = [t for t in times if sentence.start_char <= t.start and t.end <= sentence.end_char]
        own = [t for t in in_sentence if lo <= t.start and t.end <= hi and self._governs(mention, t)]
        if own:
            return own[0], None
        if in_sentence:
            return min(in_sentence, key=lambda t: abs(t.start - mention.start)), None
        if mention.start >= self.header_end and _present_tense(mention.clause):
            return None, None  # (a headline's present tells the news: "patrols wrap up leaders")
        earlier = [
            t for t in times
            if t.end <= mention.start and self.paragraph_of(t.start) == mention.paragraph and self._may_date(mention, t)
        ]
        if earlier:
            return None, earlier[-1]
        lede = self.lede_time
        return None, lede if lede is not None and _day(lede) and self._may_date(mention, lede) else None

    def _may_date(self, mention: Mention, time: models.TimeExpr) -> bool:
        """Whether a time told earlier may date the mention: a time in a planned clause ("will
        come to an end in 2026") says when something is due, not when a happening told further
        on ("groups continued to operate") took place, so it dates only planned mentions. (A
        planned mention may still take a past time: a purpose or an attempt, "an operation to
        detain", "an attempt to ambush", happens on its operation's day.)"""
        if mention.modality == Modality.PLANNED:
            return True
        verb = self._head_verb(time)
        return verb is None or not self._planned(self.doc[verb])

    def _head_verb(self, time: models.TimeExpr) -> Optional[int]:
        """Index of the verb the time hangs off."""
        span = self.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            return None
        return next((a.i for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None)

    def _governs(self, mention: Mention, time: models.TimeExpr) -> bool:
        """Whether the time hangs off the trigger's clause without crossing another verb."""
        span = self.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            return False
        node = span.root
        for _ in range(6):
            if node.i in (mention.token.i, mention.clause.i):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.i not in (mention.token.i, mention.clause.i):
                return False
        return False

    # ------------------------------------------------ modality, source, figures

    def _modality(self, mention: Mention) -> Modality:
        cues = self.cues
        verb = mention.clause
        if mention.victims and all(v.negated for v in mention.victims):
            return Modality.NEGATED
        if any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "det" and c.lower_ in cues["negation_determiners"] for c in mention.token.children):
            return Modality.NEGATED
        if mention.noun and mention.token.head.dep_ == "prep":
            governor = mention.token.head.head
            if any(c.dep_ == "det" and c.lower_ in cues["negation_determiners"] for c in governor.children):
                return Modality.NEGATED  # "no reports of injuries"
        chain = [verb, *list(verb.ancestors)[:3]]
        for node in chain:
            if node.lemma_.lower() in cues["negated_verbs"] and node.i != verb.i:
                return Modality.NEGATED
            if node.i != verb.i and _negated_raising(node, cues):
                return Modality.NEGATED  # "it did not appear that anyone was injured"
        if mention.noun and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in cues["possible_words"] for c in mention.token.children):
            return Modality.POSSIBLE  # "the attempted assassination"
        if self._planned(verb):
            return Modality.PLANNED
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & cues["possible_words"] or any(c.lemma_.lower() in cues["possible_words"] for n in chain[:2] for c in n.children if c.dep_ in ("advmod", "acomp")):
            return Modality.POSSIBLE
        for node in chain[1:]:
            if node.lemma_.lower() in cues["possible_words"]:
                return Modality.POSSIBLE
        return Modality.ASSERTED

    def _planned(self, verb: Token) -> bool:
        """Whether a clause tells something due rather than done: "will", a purpose ("an
        operation to detain"), or the complement of a plan ("decided to end")."""
        cues = self.cues
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & cues["planned_aux"]:
            return True
        if "to" in aux and verb.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp"):
            return True  # a purpose: "conducted an operation to detain a facilitator"
        chain = list(verb.ancestors)[:3]
        return any(node.lemma_.lower() in cues["planned_heads"] for node in chain) and verb.dep_ in ("xcomp", "acl", "ccomp", "advcl", "pobj")

    def _attribution(self, mention: Mention) -> Optional[models.Span]:
        cues = self.cues
        for node in mention.clause.ancestors:
            if node.lemma_.lower() in cues["attribution_verbs"] and node.pos_ in ("VERB", "AUX") and node.i != mention.token.i:
                subject = next((c for c in node.children if c.dep_ in _SUBJ), None)
                lo = min(subject.left_edge.i, node.i) if subject is not None else node.i
                hi = max(subject.right_edge.i, node.i) if subject is not None else node.i
                return _span(self.doc[lo : hi + 1])
        for token in self.sentence(mention.token):
            if token.lower_ == "according" and token.nbor(1).lower_ == "to" if token.i + 1 < len(self.doc) else False:
                return _span(self.doc[token.i : token.right_edge.i + 1])
        return None

    def _figures(self, mention: Mention) -> list[str]:
        ids = [i for v in mention.victims for i in v.figure_ids]
        ranges = []
        if mention.noun:
            ranges.append((mention.token.left_edge.idx, mention.token.idx + len(mention.token)))
        for child in mention.clause.children:
            if child.dep_ in _SUBJ | _PASS_SUBJ | _OBJ | {"attr"}:
                ranges.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
        for figure in self.figures:
            if figure.id not in ids and any(lo <= figure.start and figure.end <= hi for lo, hi in ranges):
                ids.append(figure.id)
        return ids


def _day(time: models.TimeExpr) -> bool:
    """Whether a time names a day or finer ("yesterday", "Sunday", "Jan. 5", "last night").
    A release's lede dates the report by its day, and that day carries to mentions paragraphs
    below; a year or month in the lede ("will end in 2026") is the topic, not the day of what
    is told further on."""
    return bool(time.value and re.match(r"\d{4}-\d{2}-\d{2}", time.value))


def _present_tense(verb: Token) -> bool:
    """Whether the clause is in the present: the present perfect ("has been invested", "have
    carried out") places a happening at no definite past time, and the simple present ("troops
    are stationed") speaks of the time of writing, so neither takes a past time told earlier in
    the paragraph (a time in its own sentence, "Since 2014 ... have", still dates it). A verb
    joined to another ("have detained two and seized weapons") shares the first one's tense."""
    while verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        verb = verb.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    finite = aux[0] if aux else verb
    return finite.tag_ in ("VBZ", "VBP")


def _also(victim: Victim) -> Victim:
    """A group in a clause marked "also" ("six people were also killed") is another group than
    the one of that name told before, so it adds up instead of restating it."""
    key = victim.key if victim.key.endswith("+other") or victim.key.startswith("name:") else victim.key + "+other"
    return replace(victim, distinct=True, key=key)


def _negated_raising(node: Token, cues: dict) -> bool:
    """A negated verb that passes its negation down to the clause it governs: "it did not
    appear that anyone was hurt", "police do not believe anyone was killed" deny the injury."""
    return node.lemma_.lower() in cues["neg_raising_verbs"] and any(c.dep_ == "neg" for c in node.children)


def _clause_range(mention: Mention) -> tuple[int, int]:
    """Characters of the trigger's clause: the clause verb's subtree (the noun's when none)."""
    node = mention.clause
    return node.left_edge.idx, node.right_edge.idx + len(node.right_edge)


def _span(span: SpacySpan) -> models.Span:
    return models.Span(text=span.text, start=span.start_char, end=span.end_char)


# ---------------------------------------------------------------- merging


@dataclass(eq=False)
class _Cluster:
    mentions: list[Mention]

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def type(self) -> EventType:
        return self.first.type

    related: list["_Cluster"] = field(default_factory=list)

    def own_time(self) -> Optional[models.TimeExpr]:
        """The most specific time any mention gives ("by September 2026" over "in 2026")."""
        times = [m.time for m in self.mentions if m.time is not None]
        return max(times, key=lambda t: len(t.value[:10])) if times else None

    def time(self) -> Optional[models.TimeExpr]:
        """Its own time, else that of the operation it happened during, else the paragraph's."""
        for cluster in [self, *self.related]:
            if cluster.own_time() is not None:
                return cluster.own_time()
        return next((m.fallback_time for m in self.mentions if m.fallback_time is not None), None)

    def locations(self) -> list[PlaceMention]:
        """Its own places; when none is as precise as a province ("in southern Afghanistan"),
        also those of the operation it happened during, else the place named just before."""
        own = [p for m in self.mentions for p in m.locations]
        if any(p.provinces for p in own):
            return own
        for cluster in self.related:
            borrowed = [p for m in cluster.mentions for p in m.locations]
            if borrowed:
                return own + borrowed
        fallback = [p for m in self.mentions for p in m.fallback_locations]
        return own + [p for p in fallback if p.provinces or not own][:1]

    def provinces(self) -> set[str]:
        return {p for m in self.mentions for loc in m.locations for p in loc.provinces}


def _compatible_time(a: Optional[models.TimeExpr], b: Optional[models.TimeExpr]) -> bool:
    """Same day or one inside the other ("2023" and "2023-08"); hours do not split a day."""
    if a is None or b is None:
        return True
    x, y = a.value[:10], b.value[:10]
    return x.startswith(y) or y.startswith(x)


def _merge(mentions: list[Mention], context: _Context) -> Iterator[models.Event]:
    """Group mentions into happenings: generic casualty triggers join their host operation;
    mentions of one type, modality, day and province merge."""
    clusters: list[_Cluster] = []
    home: dict[int, _Cluster] = {}

    def place(mention: Mention) -> _Cluster:
        if id(mention) in home:
            return home[id(mention)]
        root, seen = mention.host, {id(mention)}
        while root is not None and root.host is not None and id(root.host) not in seen:
            seen.add(id(root))
            root = root.host
        if root is not None and id(root) not in seen:
            cluster = place(root)  # the host first: its cluster then counts this one's victims
            cluster.mentions.append(mention)
            home[id(mention)] = cluster
            return cluster
        cluster = _operation_for(clusters, mention, same_victims=True) if mention.entry.generic else None
        if cluster is None:
            cluster = next((c for c in clusters if _same_happening(c, mention)), None)
        if cluster is None and mention.entry.generic:
            cluster = _operation_for(clusters, mention)
        if cluster is None:
            cluster = _Cluster([mention])
            clusters.append(cluster)
        else:
            cluster.mentions.append(mention)
        home[id(mention)] = cluster
        return cluster

    for mention in sorted(mentions, key=lambda m: m.start):
        place(mention)
    clusters.sort(key=lambda c: c.first.start)
    doc = context.doc
    article_id = doc._.article_id or hashlib.sha1(doc.text.encode("utf8")).hexdigest()[:10]
    for cluster in clusters:
        related = (home.get(id(m.related)) for m in cluster.mentions if m.related is not None)
        cluster.related = [c for c in dict.fromkeys(related) if c is not None and c is not cluster]
    told: dict[str, int] = {}  # casualties per kind already counted by earlier events of the article
    dead: set[str] = set()  # named people already counted killed by earlier events of the article
    happenings = [c for c in clusters if not all(_generic(m, context.header_end) for m in c.mentions)]
    for n, cluster in enumerate(happenings, 1):
        yield _event(f"{article_id}-e{n:03d}", article_id, cluster, context, told, dead)


def _generic(mention: Mention, header_end: int) -> bool:
    """A bare plural event noun that says nothing of when, where or who ("the continuation of
    targeted military operations", "the costs of these missions" aside): a kind of activity,
    not a happening, so it makes no event of its own. A headline's ("Security patrols wrap up
    leaders") tells the news below it."""
    token = mention.token
    return (
        mention.noun
        and mention.start >= header_end
        and token.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss", "nummod") or c.lemma_.lower() in _QUANTIFIERS for c in token.children)
        and mention.time is None
        and not (mention.locations or mention.agents or mention.targets or mention.victims)
    )


def _definite(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in token.children)


def _refers_to(cluster: _Cluster, token: Token) -> bool:
    """Whether a definite noun can point back at the cluster: the same word was used for it
    ("an operation" ... "the operation"), or a general word for its kind ("a patrol targeted a
    leader ... killed during the operation")."""
    general = token.lemma_.lower() in load_lexicon().cues["general_operation_nouns"] and token.tag_ == "NN"
    return _named_before(cluster, token) or general and cluster.type == EventType.MILITARY_OPERATION


def _named_before(cluster: _Cluster, token: Token) -> bool:
    """The cluster has a noun mention with the same lemma and number ("an operation" ...
    "the operation"; not "operations" ... "the operation")."""
    return any(m.noun and m.entry.lemma == token.lemma_.lower() and m.token.tag_ == token.tag_ for m in cluster.mentions)


def _operation_for(clusters: list[_Cluster], mention: Mention, same_victims: bool = False) -> Optional[_Cluster]:
    """A casualty trigger with no host in its sentence ("returning fire, killing two") joins
    an operation of the article: the one that already counts the same victims, else the first
    with a compatible day and place."""
    keys = {v.key for v in mention.victims}
    candidates = [
        c for c in clusters
        if c.type in _OPERATION_TYPES and c.first.modality == mention.modality and c.first.roundup == mention.roundup and _compatible(c, mention)
        and (mention.time is None or c.time() is not None)  # "seven killed since 1993" joins no undated murder
    ]
    for cluster in candidates:
        if keys & {v.key for m in cluster.mentions for v in m.victims}:
            return cluster
    return None if same_victims or not candidates else candidates[0]


def _compatible(cluster: _Cluster, mention: Mention) -> bool:
    if not _compatible_time(cluster.time(), mention.time):
        return False
    provinces = cluster.provinces()
    mine = {p for loc in mention.locations for p in loc.provinces}
    return not provinces or not mine or bool(provinces & mine)


def _same_happening(cluster: _Cluster, mention: Mention) -> bool:
    """A definite noun ("the operation") refers back; a verb repeats a verb's report
    ("detained several insurgents ... detained three insurgents"); an indefinite noun
    ("a raid", "several attacks") is a happening of its own."""
    first = cluster.first
    if cluster.type != mention.type or first.modality != mention.modality or first.roundup != mention.roundup:
        return False
    if mention.noun and not (_definite(mention.token) and _refers_to(cluster, mention.token)):
        return False
    if not mention.noun and first.noun:
        return False
    if mention.earlier:  # "was detained previously": another, earlier happening
        return False
    if _moved_on(cluster, mention):
        return False
    return _compatible(cluster, mention)


def _moved_on(cluster: _Cluster, mention: Mention) -> bool:
    """Whether the story has moved to another time since the cluster's report: the mention is
    dated by a time set later in the text, in its own paragraph ("In June, insurgents engaged
    the force ... The force responded, detaining many more"; "Since June, forces have
    captured more than 125"), while the report told above it states none: another operation,
    not a retelling."""
    later = mention.time or mention.fallback_time
    return (
        later is not None
        and later.start > cluster.first.end
        and cluster.first.paragraph != mention.paragraph
        and cluster.time() is None
    )


def _retold(victim: Victim, groups: dict[str, int], sources: dict[tuple[str, str], Victim]) -> bool:
    """A group named anew by another trigger of a later sentence, with the same count as one
    already told and no cue that it is another group ("two suspected insurgents" ... "two males
    were detained"). One sentence does not retell itself: "arrested a leader and detained one
    suspected insurgent" names two groups."""
    if victim.distinct:
        return False
    return any(
        count == victim.count
        and (first := sources.get((victim.kind, key))) is not None
        and first.source != victim.source
        and first.sentence != victim.sentence
        for key, count in groups.items()
    )


def _bare_numbers_first(victims: list[Victim], told: dict[str, int]) -> list[Victim]:
    """A bare number with no group of its kind told before it ("At least 60 were killed")
    refers back to nothing: it counts people, and a later "45 people were killed" in the same
    happening is a part of it (same key, so the larger count stands), not a second group."""
    def first(victim: Victim) -> bool:
        return victim.kind not in told and not any(v.kind == victim.kind and v.source < victim.source for v in victims)

    return [replace(v, anaphoric=False, key=_PEOPLE) if v.elliptical and v.anaphoric and first(v) else v for v in victims]


def casualty_counts(victims: Iterable[Victim], told: Optional[dict[str, int]] = None) -> dict[str, Optional[int]]:
    """Minimum counts per kind: the same group told twice counts once (max per key), distinct
    groups add up; an anaphor ("them", "the leader") adds only when nothing else was said.
    A retelling list ("the leader along with two of his associates") raises the article's
    total of its kind to its own sum, counting what earlier events (`told`) already have; a
    toll ("the death toll rose to 31") raises the happening's count to its own."""
    given = list(victims)
    victims = [_vague_retelling(v, given) for v in given]
    counts = _group_counts([v for v in victims if not v.retelling and not v.total])
    for victim in victims:
        if victim.total:  # a toll restates the happening's count: it raises it, never adds
            counts[victim.kind] = max(counts[victim.kind] or 0, victim.count)
    lists: dict[tuple[str, int], int] = {}
    for victim in victims:
        if victim.retelling:
            lists[victim.kind, victim.source] = lists.get((victim.kind, victim.source), 0) + victim.count
    for (kind, _), total in lists.items():
        own = counts[kind] or 0
        counts[kind] = max(own, total - (told or {}).get(kind, 0), 0)
    return counts


def _vague_retelling(victim: Victim, victims: list[Victim]) -> Victim:
    """A group in a later sentence that restates a haul of two or more told before, unless
    marked as another group ("also", "other"): a vague one sums it up ("Several men were
    detained during the operation", after "detained a leader and another associate"), an exact
    one specifies a vague one. Like a retelling list, it bounds the total from below."""
    if victim.distinct or victim.anaphoric or victim.retelling:
        return victim
    before = [v for v in victims if v.kind == victim.kind and v.sentence < victim.sentence]
    # a group cannot restate one person: "captured a leader ... multiple insurgents were detained"
    if sum(v.count for v in before) < 2:
        return victim
    # a vague group sums up what was told; an exact one specifies a vague one ("Several armed
    # men were killed ... During the operation four men were killed")
    restates = victim.vague or all(v.vague for v in before)
    return replace(victim, retelling=True) if restates else victim


def _group_counts(victims: list[Victim]) -> dict[str, Optional[int]]:
    counts: dict[str, Optional[int]] = {kind: None for kind in CASUALTY_KINDS}
    by_kind: dict[str, dict[str, int]] = {}
    anaphors: dict[str, dict[str, int]] = {}
    sources: dict[tuple[str, str], Victim] = {}
    for victim in victims:
        table = anaphors if victim.anaphoric else by_kind
        groups = table.setdefault(victim.kind, {})
        if victim.key not in groups and not victim.anaphoric and _retold(victim, groups, sources):
            continue
        groups[victim.key] = max(groups.get(victim.key, 0), victim.count)
        sources.setdefault((victim.kind, victim.key), victim)
    for kind in CASUALTY_KINDS:
        groups = dict(by_kind.get(kind, {}))
        for key, count in anaphors.get(kind, {}).items():
            if key != "*" and key not in groups and not groups:
                groups[key] = count
            elif key in groups:
                groups[key] = max(groups[key], count)
        if not groups and "*" in anaphors.get(kind, {}):
            groups["*"] = anaphors[kind]["*"]
        if kind in by_kind or kind in anaphors:
            counts[kind] = sum(groups.values())
    return counts


def _died_before(victims: list[Victim], dead: set[str]) -> list[Victim]:
    """A named person dies once: a later event of the article that kills them again ("the
    shooting death of Dr. X" ... "days after a sniper killed Dr. X") retells the death."""
    kept = [v for v in victims if not (v.kind == "killed" and v.key in dead)]
    dead.update(v.key for v in kept if v.kind == "killed" and v.key.startswith("name:"))
    return kept


def _event(event_id: str, article_id: str, cluster: _Cluster, context: _Context, told: dict[str, int], dead: set[str]) -> models.Event:
    doc = context.doc
    first = cluster.first
    trigger_text = doc.text[first.start : first.end]
    victims = [
        v for m in cluster.mentions for v in m.victims
        if m.modality not in (Modality.PLANNED, Modality.POSSIBLE) or v.figure_ids
    ]
    victims = _died_before(_bare_numbers_first(victims, told), dead)
    # an anaphor ("they were killed", "two of the shooters") whose group an earlier event
    # already counted adds nothing here
    fresh = {v.kind for v in victims if not v.anaphoric}
    victims = [v for v in victims if not (v.anaphoric and v.kind in told and v.kind not in fresh)]
    counts = casualty_counts(victims, told)
    for kind, count in counts.items():
        if count and first.modality == Modality.ASSERTED:  # a planned detention tells nobody's
            told[kind] = told.get(kind, 0) + count
    sentence = context.sentence(first.token)
    return models.Event(
        id=event_id,
        article_id=article_id,
        type=cluster.type,
        trigger=models.Trigger(text=trigger_text, start=first.start, end=first.end, lemma=first.entry.lemma),
        sentence=sentence.text,
        time=cluster.time(),
        agents=_unique(r for m in cluster.mentions for r in m.agents),
        targets=_unique(r for m in cluster.mentions for r in m.targets),
        locations=_unique(
            models.Role(text=p.text, start=p.start, end=p.end, canonical=p.canonical, label=p.label, admin1=context.admin1(p))
            for p in cluster.locations()
        ),
        casualties=models.Casualties(**counts),
        figure_ids=list(dict.fromkeys(i for m in cluster.mentions for i in m.figure_ids)),
        modality=first.modality,
        attribution=next((m.attribution for m in cluster.mentions if m.attribution), None),
        mentions=[models.Span(text=doc.text[m.start : m.end], start=m.start, end=m.end) for m in sorted(cluster.mentions, key=lambda m: m.start)],
    )


def _unique(roles: Iterable[models.Role]) -> list[models.Role]:
    """One role per canonical name (the first mention keeps its offsets)."""
    seen: dict[str, models.Role] = {}
    for role in roles:
        seen.setdefault(role.canonical, role)
    return list(seen.values())
