"""Time component: finds temporal expressions and normalizes them to TIMEX3.

Thin on purpose: `pipeline.timex` finds candidate spans in the text and normalizes them; this
component adds what only the parse knows: the tense of the governing verb (the direction a bare
"Friday" or "in August" resolves in), the signal word before a span ("by" -> ON_OR_BEFORE), the
previous absolute time ("the following year"), and the filters that tell a time from a look-alike
("May" the modal, "March" the verb, "War Wings Daily" the magazine, "2000 employees").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import models, timex
from ..dateline import find_dateline, release_starts
from ..timex import Rule

#: Entity labels whose names may contain time words ("Good Friday Agreement", "War Wings Daily").
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT", "GPE", "NORP", "LOC"}
_CUES = timex.lexicon()["cues"]
#: Words before a lone season name that make it a time ("in fall", "this spring").
SEASON_CUES = frozenset(_CUES["season_cues"])
#: Auxiliaries that put a clause in the future.
FUTURE_AUX = frozenset(_CUES["future_aux"])
#: Governors whose complement lies ahead ("scheduled to close Monday", "payable Dec. 7").
FUTURE_LEMMAS = frozenset(_CUES["future_lemmas"])
#: Modals and infinitives that leave the direction open: a bare month or day is the nearest one.
OPEN_MODALS = frozenset(_CUES["open_modals"])
#: Words after which "a year" / "per week" is a rate, not a duration ("$5 a year").
QUANTITY_WORDS = frozenset(_CUES["quantity_words"])
#: Signals after which a bare month or day is the nearest one, whatever the tense.
DEADLINE_SIGNALS = frozenset(_CUES["deadline_signals"])
_SIGNAL = re.compile(r"\b(" + "|".join(re.escape(s) for s in timex.iter_signals()) + r")\s+$", re.I)
QUARTER = re.compile(r"\d{4}-Q\d")
#: How far back (in characters, about two paragraphs) "a year earlier" looks for its anchor.
ANCHOR_REACH = 1000
_ABSOLUTE = re.compile(r"\d{4}(?:-(?:\d\d|Q\d|H\d|SP|SU|FA|WI))?(?:-\d\d)?$")


class TimeTagger:
    """Sets `doc._.times`: list[models.TimeExpr] sorted by start; reads `doc._.dct`."""

    def __init__(self, nlp: Language, name: str = "newsfacts_times") -> None:
        self.name = name
        timex.lexicon()  # load the data once, at construction

    def __call__(self, doc: Doc) -> Doc:
        source = doc.text  # built on each access: read it once
        state = _Anchors(dct=_parse_dct(doc._.dct), dct_month=_parse_dct_month(doc._.dct))
        releases = release_datelines(source, doc._.dct)
        times: list[models.TimeExpr] = []
        for match in timex.find(source):
            while releases and releases[0][0] <= match.start:  # a later release: its own dateline
                state = _Anchors(dct=_parse_dct(releases.pop(0)[1]))
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or not _is_time(match, span):
                continue
            text = source[match.start:match.end]
            found = _SIGNAL.search(source, max(0, match.start - 20), match.start)
            signal = found.group(1).lower() if found else None
            ctx = state.context(span, match.start, signal)
            result = timex.resolve(text, match.rule, ctx, signal)
            if result is None:
                continue
            state.update(result, text, match, ctx)
            times.append(models.TimeExpr(
                text=text, start=match.start, end=match.end, type=result.type, value=result.value,
                earliest=result.earliest, latest=result.latest, mod=result.mod,
            ))
        doc._.times = times
        return doc


def release_datelines(source: str, dct: Optional[str]) -> list[tuple[int, str]]:
    """(start, date) of each later release in a text that strings several together (a digest,
    a release and its "UPDATE"): "yesterday" in the second counts from the second's dateline.
    A dateline without a year takes the document's."""
    year = int(dct[:4]) if dct and dct[:4].isdigit() else None
    found = []
    for start in release_starts(source):
        dateline = find_dateline(source[start:], fallback_year=year)
        if dateline is not None:
            found.append((start, dateline.value))
    return found


@dataclass
class _Anchors:
    """What relative expressions count from, as the tagger walks through a document."""

    dct: Optional[date]
    dct_month: Optional[date] = None
    anchor: Optional[str] = None
    anchor_end: int = -ANCHOR_REACH
    period: Optional[str] = None

    def context(self, span: Span, start: int, signal: Optional[str]) -> timex.Context:
        direction = _direction(span)
        return timex.Context(
            dct=self.dct, direction=direction,
            anchor=self.anchor if start - self.anchor_end <= ANCHOR_REACH else None,
            period=self.period, per_quantity=_after_quantity(span),
            nearest=signal in DEADLINE_SIGNALS or direction == 0 and _open_modal(span),
            dct_month=self.dct_month,
        )

    def update(self, result: timex.Timex, text: str, match: timex.Match, ctx: timex.Context) -> None:
        if not _is_new_anchor(result, text, match.rule, ctx):
            return
        self.anchor, self.anchor_end = result.value, match.end
        if QUARTER.fullmatch(result.value) and _reported(result.value, self.dct or self.dct_month) and result.value > (self.period or ""):
            self.period = result.value


def _is_new_anchor(result: timex.Timex, text: str, rule: str, ctx: timex.Context) -> bool:
    """An absolute DATE that does not itself lean on the anchor ("the third quarter", not
    "a year earlier"): what "the following year" will be counted from."""
    if result.type != "DATE" or not result.value or not _ABSOLUTE.match(result.value):
        return False
    if ctx.anchor is None and ctx.period is None:
        return True
    unanchored = timex.resolve(text, rule, timex.Context(ctx.dct, ctx.direction, per_quantity=ctx.per_quantity, dct_month=ctx.dct_month))
    return unanchored is not None and unanchored.value == result.value


def _reported(quarter: str, dct: Optional[date]) -> bool:
    """A quarter over by the DCT (a day, or the first of a month-only DCT: its quarter is the
    same): a candidate for the period the document reports on."""
    return dct is None or quarter < f"{dct.year}-Q{(dct.month - 1) // 3 + 1}"


def _parse_dct(value: Optional[str]) -> Optional[date]:
    """The DCT as a date; None (relative values stay underspecified) when absent or malformed,
    and when it names only a month ("2010-07"): "yesterday" cannot count from an unknown day."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_DCT_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def _parse_dct_month(value: Optional[str]) -> Optional[date]:
    """A month-only DCT ("2010-07", from a release number) as the first day of that month, for
    the rules that need only the month (`timex.Context.dct_month`); None for a full date (the
    day-level DCT serves every rule) and for anything else."""
    match = _DCT_MONTH.fullmatch(str(value).strip()) if value else None
    return date(int(match.group(1)), int(match.group(2)), 1) if match else None


def _is_time(match: timex.Match, span: Span) -> bool:
    """Reject look-alikes the grammar cannot tell apart without the parse."""
    first = span[0]
    if match.rule != Rule.HOLIDAY and _inside_name(span):
        return False
    if match.rule == Rule.MONTH and len(span) == 1 and (first.tag_ == "MD" or first.pos_ in ("VERB", "AUX")):
        return False
    if match.rule == Rule.YEAR and len(span) == 1 and _is_count(first):
        return False
    if match.rule in (Rule.PRESENT, Rule.FUTURE) and not _vague_ok(span):
        return False
    if match.rule == Rule.SEASON and len(span) == 1 and not _season_ok(first):
        return False
    return True


def _season_ok(token: Token) -> bool:
    """A lone "fall" or "spring" is a season only as a noun after a time preposition or
    determiner ("in spring", "this fall"), not "prices fall"."""
    previous = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return token.pos_ in ("NOUN", "PROPN") and previous in SEASON_CUES


def _inside_name(span: Span) -> bool:
    """A time word that belongs to a longer name ("Good Friday Agreement"), or a title-case
    proper noun mid-sentence that is no month or weekday ("War Wings Daily", "This Week")."""
    doc, first = span.doc, span[0]
    after = doc[span.end] if span.end < len(doc) else None
    if first.ent_type_ in NAME_LABELS and (
        first.ent_iob_ == "I" or (after is not None and after.ent_iob_ == "I" and after.ent_type_ == first.ent_type_)
    ):
        return True
    names = timex.lexicon()
    return any(t.pos_ == "PROPN" and t.is_title and not t.is_sent_start
               and t.lower_.rstrip(".") not in names["months"] and t.lower_.rstrip(".") not in names["weekdays"]
               for t in span)


def _is_count(token: Token) -> bool:
    """A four-digit number that counts something ("2000 employees") or names a model."""
    if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS"):
        return True
    previous = token.nbor(-1) if token.i > 0 else None
    return bool(previous is not None and previous.pos_ == "PROPN" and previous.is_title
                and previous.lower_ not in timex.lexicon()["months"] and token.dep_ in ("nummod", "appos", "compound"))


def _vague_ok(span: Span) -> bool:
    """ "now" is not a time in "now that"; "current" only as an adjective ("current levels");
    "the future" not when it modifies a noun or names a fate ("the future contingent", "the
    future of its role")."""
    text = span.text.lower()
    last = span[-1]
    following = span.doc[last.i + 1].lower_ if last.i + 1 < len(span.doc) else ""
    if text == "now":
        return following != "that"
    if text == "current":
        return last.dep_ == "amod"
    if last.lower_ == "future":
        return last.dep_ != "amod" and following != "of"
    return True


def _direction(span: Span) -> int:
    """-1 when the governing verb is past (or present perfect), +1 future, 0 otherwise."""
    token = span.root
    for _ in range(5):
        if token.lemma_.lower() in FUTURE_LEMMAS:
            return 1
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or (token.lower_ == "going" and any(c.dep_ == "xcomp" for c in token.children)):
        return 1
    if "had" in words:
        return -1
    governors = [token, token.head] if token.dep_ in ("xcomp", "ccomp", "advcl") else [token]
    if any(g.lemma_.lower() in FUTURE_LEMMAS for g in governors):
        return 1
    if "to" in words and token.head.lemma_ == "be" and token.dep_ == "xcomp":
        return 1
    if words & {"would", "could", "might", "should"}:
        return 0
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if token.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return -1
    if token.tag_ == "VBN" and token.dep_ != "amod" and not auxes:
        return -1
    return 0


def _open_modal(span: Span) -> bool:
    """The governing verb is under a modal or an infinitive ("would be paid in January")."""
    token = span.root
    for _ in range(5):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return any(c.dep_ == "aux" and c.lower_ in OPEN_MODALS for c in token.children)


def _after_quantity(span: Span) -> bool:
    """ "$5 a year", "twice a week": the expression follows an amount, so it is a rate."""
    if span.start == 0:
        return False
    previous = span.doc[span.start - 1]
    return previous.like_num or previous.lower_ in QUANTITY_WORDS or previous.is_currency


@Language.factory("newsfacts_times")
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)
