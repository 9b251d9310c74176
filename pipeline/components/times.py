"""Time component: finds temporal expressions and normalizes them to TIMEX3.

Thin on purpose: `pipeline.timex` finds candidate spans in the text and normalizes them; this
component adds what only the parse knows: the tense of the governing verb (the direction a bare
"Friday" or "in August" resolves in), the signal word before a span ("by" -> ON_OR_BEFORE), the
previous absolute time ("the following year"), and the filters that tell a time from a look-alike
("May" the modal, "March" the verb, "War Wings Daily" the magazine, "2000 employees").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import models, timex

#: Entity labels whose names may contain time words ("Good Friday Agreement", "War Wings Daily").
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT", "GPE", "NORP", "LOC"}
#: Auxiliaries that put a clause in the future.
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
#: Words after which "a year" / "per week" is a rate, not a duration ("$5 a year").
QUANTITY_WORDS = {"million", "billion", "trillion", "thousand", "hundred", "times", "percent", "%", "cents", "dollars"}
_SIGNAL = re.compile(r"\b(" + "|".join(re.escape(s) for s in timex.iter_signals()) + r")\s+$", re.I)
_ABSOLUTE = re.compile(r"\d{4}(?:-(?:\d\d|Q\d|H\d|SP|SU|FA|WI))?(?:-\d\d)?$")


class TimeTagger:
    """Sets `doc._.times`: list[models.TimeExpr] sorted by start; reads `doc._.dct`."""

    def __init__(self, nlp: Language, name: str = "newsfacts_times") -> None:
        self.name = name
        timex.lexicon()  # load the data once, at construction

    def __call__(self, doc: Doc) -> Doc:
        dct = _parse_dct(doc._.dct)
        anchor: Optional[str] = None
        times: list[models.TimeExpr] = []
        for match in timex.find(doc.text):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or not _is_time(match, span):
                continue
            text = doc.text[match.start:match.end]
            ctx = timex.Context(dct=dct, direction=_direction(span), anchor=anchor,
                                per_quantity=_after_quantity(span))
            found = _SIGNAL.search(doc.text, max(0, match.start - 20), match.start)
            result = timex.resolve(text, match.rule, ctx, found.group(1) if found else None)
            if result is None:
                continue
            if result.type == "DATE" and result.value and _ABSOLUTE.match(result.value):
                anchor = result.value
            times.append(models.TimeExpr(
                text=text, start=match.start, end=match.end, type=result.type, value=result.value,
                earliest=result.earliest, latest=result.latest, mod=result.mod,
            ))
        doc._.times = times
        return doc


def _parse_dct(value: Optional[str]) -> Optional[date]:
    """The DCT as a date; None (relative values stay underspecified) when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _is_time(match: timex.Match, span: Span) -> bool:
    """Reject look-alikes the grammar cannot tell apart without the parse."""
    first = span[0]
    if _inside_name(span):
        return False
    if match.rule == "month" and len(span) == 1 and (first.tag_ == "MD" or first.pos_ in ("VERB", "AUX")):
        return False
    if match.rule == "year" and len(span) == 1 and _is_count(first):
        return False
    if match.rule in ("present", "past", "future") and not _vague_ok(span):
        return False
    return True


def _inside_name(span: Span) -> bool:
    """A time word that belongs to a longer name: "War Wings Daily", "Good Friday Agreement"."""
    for ent in span.doc.ents:
        if ent.label_ in NAME_LABELS and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            return True
    return any(t.pos_ == "PROPN" and t.is_title and not t.is_sent_start and t.lower_ in timex.lexicon()["sets"]
               for t in span)


def _is_count(token: Token) -> bool:
    """A four-digit number that counts something ("2000 employees") or names a model."""
    if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS"):
        return True
    previous = token.nbor(-1) if token.i > 0 else None
    return bool(previous is not None and previous.pos_ == "PROPN" and previous.is_title
                and previous.lower_ not in timex.lexicon()["months"] and token.dep_ in ("nummod", "appos", "compound"))


def _vague_ok(span: Span) -> bool:
    """ "now", "current", "earlier" are times only as temporal adverbs/adjectives."""
    text = span.text.lower()
    if text not in timex.AMBIGUOUS:
        return True
    token = span[0]
    if text == "now":
        return not (token.i + 1 < len(span.doc) and span.doc[token.i + 1].lower_ == "that")
    if text in ("current", "recent", "future"):
        return len(span) == 1 and token.dep_ == "amod" or text == "future" and token.pos_ == "NOUN"
    if text in ("earlier", "later"):
        return token.dep_ == "advmod" and token.head.pos_ == "VERB" and not any(c.dep_ == "npadvmod" for c in token.children)
    return token.pos_ in ("ADV", "ADJ")


def _direction(span: Span) -> int:
    """-1 when the governing verb is past (or present perfect), +1 future, 0 otherwise."""
    token = span.root
    for _ in range(5):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or (token.lower_ == "going" and any(c.dep_ == "xcomp" for c in token.children)):
        return 1
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if token.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return -1
    if token.tag_ == "VBN" and token.dep_ != "amod" and not auxes:
        return -1
    return 0


def _after_quantity(span: Span) -> bool:
    """ "$5 a year", "twice a week": the expression follows an amount, so it is a rate."""
    if span.start == 0:
        return False
    previous = span.doc[span.start - 1]
    return previous.like_num or previous.lower_ in QUANTITY_WORDS or previous.is_currency


@Language.factory("newsfacts_times")
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)
