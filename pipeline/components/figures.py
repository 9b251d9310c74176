"""Figures component: every stated quantity with bounds, unit, currency and what it counts.

The pure reader `pipeline.numbers.find_quantities` proposes quantities with offsets; this component
arbitrates them against the parse and the time component: a span covered by `doc._.times`, a year
or a day of a date is a time; a number glued to a name ("Challenger 2", "Resolution 2334") or
inside a named entity is a name; a count of days or years is a duration. What survives becomes a
`models.Figure` with the noun it counts (from the dependency parse), level or change, the time
governing its clause and the places in that clause.

Casualty counts (ISAF coding rules, see `data/vague_quantities.json`): as the object of a casualty
verb (`data/figure_context.json`), a bare plural person noun ("insurgents were detained") is a
figure with value = lower = 2, spanning the noun; "a/an" + a person noun ("detained an insurgent")
is a figure of value 1 spanning the article and the noun.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import models, numbers

DATA = Path(__file__).resolve().parents[1] / "data"
_TIME_LABELS = ("DATE", "TIME")
_NAME_LABELS = ("PRODUCT", "ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC", "NORP")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_MODIFIER_DEPS = ("nummod", "quantmod", "compound", "amod", "nmod", "det", "appos")
_SKIP_LEFT = ("det", "predet", "punct", "poss", "case", "prep", "cc", "nummod", "quantmod")


@lru_cache(maxsize=1)
def _context() -> dict[str, frozenset[str]]:
    with open(DATA / "figure_context.json", encoding="utf-8") as fh:
        raw: dict[str, Any] = json.load(fh)
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def _casualty_counts() -> tuple[float, float, frozenset[str]]:
    with open(DATA / "vague_quantities.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    return float(raw["bare_plural"]), float(raw["indefinite_article"]), frozenset(raw["singular_determiners"])


class FigureTagger:
    """Sets `doc._.figures`: a list of `models.Figure`, sorted by start offset."""

    def __init__(self) -> None:
        self.ctx = _context()
        numbers.warm_up()  # lexicons and quantulum3's unit database load once, here

    def __call__(self, doc: Doc) -> Doc:
        ids = _IdMaker(doc)
        found: list[tuple[int, int, dict[str, Any], Optional[Token]]] = []
        for q in numbers.find_quantities(doc.text):
            got = self._from_quantity(doc, q)
            if got is not None:
                found.append(got)
        found.extend(self._casualty_figures(doc, found))
        found.sort(key=lambda x: x[0])
        self._inherit_measured(found)
        doc._.figures = [ids.figure(doc, start, end, fields) for start, end, fields, _ in found]
        return doc

    # ------------------------------------------------------------ arbitration

    def _from_quantity(self, doc: Doc, q: numbers.Quantity) -> Optional[tuple[int, int, dict[str, Any], Optional[Token]]]:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        core = doc.char_span(q.core_start, q.core_end, alignment_mode="expand")
        if span is None or core is None or self._is_time(doc, q, core) or self._is_name(doc, q, core):
            return None
        anchor = _anchor(span, core)
        head = self._counted_head(span, anchor)
        if head is not None and head.lemma_.lower() in self.ctx["time_units"] and q.dimension == "count":
            return None  # "two years", "a few days": a duration
        if q.requires == "casualty" and not (
            head is not None and self._is_casualty_arg(head) and self._is_person(head) or self._of_them(doc, span, anchor)
        ):
            return None
        if q.text.lower() == "one" and not (anchor.dep_ == "nummod" and anchor.head.i > anchor.i or self._is_casualty_arg(anchor)):
            return None  # "one of these militias", "no one": a pronoun, not a count
        if q.vague and head is None and anchor.dep_ in ("amod", "det") and anchor.head.pos_ not in ("NOUN", "PROPN"):
            return None  # a vague word modifying no noun ("several of" misparsed as an adjective) counts nothing
        fields = {
            "value": q.value, "lower": q.lower, "upper": q.upper, "approximate": q.approximate, "unit": q.unit,
            "currency": q.currency, "dimension": q.dimension,
            "kind": models.FigureKind.CHANGE if q.change or self._is_change(anchor) else models.FigureKind.LEVEL,
            "_head": head, "_anchor": anchor,
        }
        if head is None:
            head = self._subject_of_level(anchor)
        if head is not None and head.lemma_.lower() in self.ctx["change_nouns"]:
            head = None  # "a 10 percent drop": the drop is the change, not what is measured
        fields["measured"], fields["measured_lemma"] = _measured(head, span) if head is not None else (None, None)
        fields.update(self._setting(doc, anchor))
        return q.start, q.end, fields, anchor

    def _is_time(self, doc: Doc, q: numbers.Quantity, core: Span) -> bool:
        """A number covered by a time expression, a year, a day of a month or a clock time."""
        if any(t.start < q.core_end and q.core_start < t.end for t in doc._.times or []):
            return True
        prev = doc[core.start - 1] if core.start > 0 else None
        nxt = doc[core.end] if core.end < len(doc) else None
        months = self.ctx["months"]
        if nxt is not None and nxt.lower_ in self.ctx["time_suffixes"]:
            return True
        last = core[-1]
        counts_noun = last.dep_ == "nummod" and last.head.i > last.i and last.head.tag_ in ("NNS", "NNPS")
        year_cue = prev is not None and prev.lower_.rstrip(".") in self.ctx["year_prepositions"] | months
        # "paid out 2000 grants": a 4-digit count of a plural noun is a figure, whatever NER says
        count_not_year = q.plain_integer and counts_noun and not year_cue
        for ent in doc.ents:
            if ent.label_ in _TIME_LABELS and ent.start_char < q.core_end and q.core_start < ent.end_char:
                if not count_not_year and self._timey(ent):
                    return True
        if q.plain_integer and q.value is not None:
            near_month = any(t is not None and t.lower_.rstrip(".") in months for t in (prev, nxt))
            if 1 <= q.value <= 31 and near_month:
                return True
            if 1900 <= q.value <= 2100:
                return not count_not_year
        return False

    def _timey(self, ent: Span) -> bool:
        """A DATE/TIME entity that really is one: it has a month, a time unit, a year or a clock word."""
        for t in ent:
            low = t.lower_.rstrip(".")
            if low in self.ctx["months"] or t.lemma_.lower() in self.ctx["time_units"] or low in ("ago", "today", "yesterday", "tomorrow"):
                return True
            if t.like_num and t.text.isdigit() and len(t.text) == 4 and 1900 <= int(t.text) <= 2100:
                return True
            if t.ent_type_ and t.lower_.endswith("day") and t.is_title:
                return True
        return False

    def _is_name(self, doc: Doc, q: numbers.Quantity, core: Span) -> bool:
        """'Challenger 2', 'Resolution 2334', 'Boeing 737': a bare number right after a capitalized noun."""
        if not core[0].text[:1].isdigit():
            return False
        for ent in doc.ents:
            if ent.label_ in _NAME_LABELS and ent.start_char <= q.core_start and q.core_end <= ent.end_char and q.dimension == "count":
                return True
        if q.start != q.core_start or not q.plain_integer or core.start == 0:
            return False
        prev = doc[core.start - 1]
        return (
            prev.is_title or prev.is_upper and len(prev) > 1
        ) and prev.pos_ in ("PROPN", "NOUN") and not prev.is_sent_start and prev.lower_.rstrip(".") not in self.ctx["months"]

    # ------------------------------------------------------------ what it counts

    def _counted_head(self, span: Span, anchor: Token) -> Optional[Token]:
        """The noun the figure counts: its nummod head, or the object of a following 'of'."""
        doc = span.doc
        head = anchor.head
        while head.pos_ in ("NUM", "X") and head.dep_ in _MODIFIER_DEPS and head.head.i > head.i:
            head = head.head  # "Two AH-64 helicopters": through a model number to the noun
        if anchor.dep_ in _MODIFIER_DEPS and head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
            return head
        if span.end < len(doc) and doc[span.end].lower_ == "of":
            obj = _pobj(doc[span.end])
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
        if anchor.i >= span.end - 1 and anchor.pos_ == "NOUN" and not anchor.like_num and anchor.lower_ not in ("percent",):
            return _of_object(anchor)
        return None

    def _subject_of_level(self, anchor: Token) -> Optional[Token]:
        """'The number of U.S. troops ... has risen to 40,000' → troops."""
        tok = anchor.head if anchor.dep_ == "pobj" and anchor.head.lower_ in ("to", "at") else anchor
        verb = tok.head if tok is not anchor or anchor.dep_ in ("attr", "dobj") else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        for subj in verb.children:
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.lemma_.lower() in self.ctx["total_nouns"]:
                obj = _of_object(subj)
                if obj is not None:
                    return obj
        return None

    def _is_change(self, anchor: Token) -> bool:
        """'an increase of 6,000', 'rose by 5%', 'a 12 percent drop', 'fell 3%' are changes."""
        head = anchor.head
        if anchor.dep_ == "pobj":
            if head.lower_ == "of" and head.head.lemma_.lower() in self.ctx["change_nouns"]:
                return True
            return head.lower_ == "by" and head.head.lemma_.lower() in self.ctx["change_verbs"]
        if anchor.dep_ in ("nummod", "compound", "amod", "quantmod") and head.lemma_.lower() in self.ctx["change_nouns"] and head.i > anchor.i:
            return True
        return anchor.dep_ in ("dobj", "npadvmod") and head.pos_ == "VERB" and head.lemma_.lower() in self.ctx["change_verbs"]

    @staticmethod
    def _inherit_measured(found: list[tuple[int, int, dict[str, Any], Optional[Token]]]) -> None:
        """'40,000, an increase of 6,000': a change in apposition to a level counts the same thing."""
        by_anchor = {a.i: f for *_, f, a in found if a is not None}
        for *_, f, anchor in found:
            if f["measured"] is None and anchor is not None and anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
                noun = anchor.head.head
                other = by_anchor.get(noun.head.i) if noun.dep_ == "appos" else None
                if other is not None and other is not f:
                    f["measured"], f["measured_lemma"] = other["measured"], other["measured_lemma"]

    # ------------------------------------------------------------ casualties

    def _is_person(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.ctx["casualty_nouns"] or tok.lower_ in self.ctx["casualty_nouns"]

    def _of_them(self, doc: Doc, span: Span, anchor: Token) -> bool:
        """'killing many of them': a partitive of a plural pronoun as a casualty verb's argument."""
        return (
            span.end + 1 < len(doc) and doc[span.end].lower_ == "of" and doc[span.end + 1].lower_ in ("them", "those")
            and self._is_casualty_arg(anchor)
        )

    def _is_casualty_arg(self, tok: Token) -> bool:
        """Object (or passive subject) of a casualty verb, possibly through 'of' or a conjunction."""
        t = tok
        if t.dep_ == "pobj" and t.head.lower_ == "of":
            t = t.head.head
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        verb = t.head
        verbs = self.ctx["casualty_verbs"]
        if t.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in verbs:
            return True
        if t.dep_ == "nsubjpass" and any(c.dep_ in ("xcomp", "oprd", "ccomp", "acomp") and c.lemma_.lower() in verbs for c in verb.children):
            return True  # "a commander was confirmed killed"
        return t.dep_ == "nsubj" and verb.lemma_.lower() == "die"

    def _casualty_figures(self, doc: Doc, found: Iterable[tuple[int, int, dict[str, Any], Optional[Token]]]):
        """Bare plurals and 'a/an' + person nouns as casualty-verb arguments (see module docstring)."""
        covered = [(s, e) for s, e, _, _ in found]
        heads = {f["_head"].i for _, _, f, _ in found if f.get("_head") is not None}
        bare, single, singular_dets = _casualty_counts()
        out = []
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in heads or not self._is_person(tok) or not self._is_casualty_arg(tok):
                continue
            if any(s < tok.idx + len(tok) and tok.idx < e for s, e in covered):
                continue
            kids = [c for c in tok.children if c.i < tok.i]
            if any(c.dep_ in ("nummod", "quantmod", "poss") for c in kids):
                continue
            dets = [c for c in kids if c.dep_ in ("det", "predet")]
            misparsed = not dets and bool(_misparsed_name_det(tok))
            dets = dets or _misparsed_name_det(tok)
            if tok.tag_ in ("NNS", "NNPS") and not dets:
                start, end, value = tok.idx, tok.idx + len(tok), bare
                fields = {"value": value, "lower": value}
            elif len(dets) == 1 and dets[0].lower_ in singular_dets and tok.tag_ in ("NN", "NNP"):
                start, end, value = dets[0].idx, tok.idx + len(tok), single
                fields = {"value": value, "lower": None}
            else:
                continue
            span = doc.char_span(start, end)
            fields.update({"upper": None, "approximate": False, "unit": None, "currency": None, "dimension": "count",
                           "kind": models.FigureKind.LEVEL, "_head": tok, "_anchor": tok})
            fields["measured"], fields["measured_lemma"] = _measured(tok, span)
            if misparsed:
                fields["measured"] = doc[dets[0].i + 1 : tok.i + 1].text
            fields.update(self._setting(doc, tok))
            out.append((start, end, fields, tok))
        return out

    # ------------------------------------------------------------ time and place

    def _is_place(self, tok: Token) -> bool:
        return _is_place_arg(tok, self.ctx["locative_prepositions"])

    def _setting(self, doc: Doc, anchor: Token) -> dict[str, Any]:
        """The time governing the figure's clause (else the sentence's nearest) and the clause's places."""
        sent = anchor.sent
        clause = _clause(anchor)
        best: Optional[models.TimeExpr] = None
        best_key: tuple[int, int] = (2, 10**9)
        for t in doc._.times or []:
            if not (sent.start_char <= t.start < sent.end_char):
                continue
            tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
            same = tspan is not None and _clause(tspan.root).i == clause.i
            key = (0 if same else 1, abs(t.start - anchor.idx))
            if key < best_key:
                best, best_key = t, key
        places = []
        for ent in sent.ents:
            if ent.label_ in _PLACE_LABELS and _clause(ent.root).i == clause.i and self._is_place(ent.root):
                places.append(models.Role(text=ent.text, start=ent.start_char, end=ent.end_char,
                                          canonical=ent._.canonical or ent.text, label=ent.label_))
        return {"time": best, "locations": places, "sentence": sent.text}


def _is_place_arg(tok: Token, preps: frozenset[str]) -> bool:
    """A place name under a locative preposition ('in Iraq', 'near the border between Syria and
    Jordan'), not an agent ('by the United States') or a modifier ('U.S. troops')."""
    t = tok
    for _ in range(4):
        if t.dep_ == "prep" or t.pos_ == "ADP":
            return t.lower_ in preps
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return False
        if t.dep_ not in ("pobj", "conj", "appos", "compound", "cc", "npadvmod") and t.pos_ != "NOUN":
            return False
        t = t.head
    return False


def _anchor(span: Span, core: Span) -> Token:
    """The token of the figure that attaches it to the rest of the sentence (its syntactic head)."""
    outside = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    in_core = [t for t in outside if t.i >= core.start]
    pool = in_core or outside or list(core)
    return max(pool, key=lambda t: (t.i >= core.start, t.i))


def _misparsed_name_det(tok: Token) -> list[Token]:
    """'an Islamic Movement of Uzbekistan facilitator': the small model hangs the article on the
    organization name and the role noun under 'of'; the article still counts the role noun."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.pos_ != "PROPN":
        return []
    name = tok.head.head
    return [c for c in name.children if c.dep_ == "det" and c.i < name.i]


def _clause(tok: Token) -> Token:
    """The nearest verb at or above a token (the root when there is none)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _measured(head: Token, span: Optional[Span]) -> tuple[Optional[str], Optional[str]]:
    """The counted noun phrase: left modifiers after the figure, the head, and an 'of' + name PP.

    "2,500 American troops" → "American troops"; "14 members of Daech" → "members of Daech".
    """
    doc = head.doc
    left = max(head.left_edge.i, head.sent.start)
    if span is not None and span.end <= head.i:
        left = max(left, span.end)
    elif span is not None and span.start <= head.i < span.end:
        left = max(left, span.start)
    breaks = [t.i for t in doc[left : head.i] if "\n" in t.text or "\u2028" in t.text]
    left = breaks[-1] + 1 if breaks else left  # never reach across a line break into a headline
    while left < head.i and (doc[left].dep_ in _SKIP_LEFT or doc[left].is_punct or doc[left].lower_ == "of"):
        left += 1
    right = head.i
    prep = next((p for p in head.rights if p.dep_ == "prep"), None)
    if prep is not None and prep.lower_ == "of":
        objs = [o for o in prep.children if o.dep_ == "pobj"]
        if objs and (objs[0].pos_ == "PROPN" or objs[0].ent_type_ in ("ORG", "NORP", "GPE")):
            right = objs[0].right_edge.i
    text = doc[left : right + 1].text
    return text or None, head.lemma_.lower() or None


class _IdMaker:
    """Deterministic figure ids: '<article_id>-f001', else a short sha1 of the text."""

    def __init__(self, doc: Doc) -> None:
        self.base = doc._.article_id or hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:12]
        self.n = 0

    def figure(self, doc: Doc, start: int, end: int, fields: dict[str, Any]) -> models.Figure:
        self.n += 1
        data = {k: v for k, v in fields.items() if not k.startswith("_")}
        return models.Figure(id=f"{self.base}-f{self.n:03d}", article_id=str(self.base if doc._.article_id is None else doc._.article_id),
                             text=doc.text[start:end], start=start, end=end, **data)


@Language.factory("newsfacts_figures")
def make_figure_tagger(nlp: Language, name: str) -> FigureTagger:
    return FigureTagger()


def _pobj(prep: Token) -> Optional[Token]:
    """The object of a preposition, if the parse gives it one."""
    return next((child for child in prep.children if child.dep_ == "pobj"), None)


def _of_object(token: Token) -> Optional[Token]:
    """The object of the first "of" phrase under `token` that has one ("members of Daech")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = _pobj(child)
            if obj is not None:
                return obj
    return None
