"""TIMEX3 grammar and normalizer: finds temporal expressions in plain text and gives each a
TimeML `type`, `value`, `mod` and ISO `earliest`/`latest` bounds. No spaCy here.

Why a grammar of our own: dateparser has no offsets, invents days of month and reads money and
modal verbs as dates (PITFALLS.md, dateparser 1, 4, 5). The grammar keeps the granularity the
text states ("September 2026" -> 2026-09) and follows TimeML span conventions: determiners and
in-span modifiers ("the past three years", "early 1990", "about two weeks") are inside the span,
prepositions and signals ("in", "by", "until") are not. dateparser is only asked about numeric
dates ("10/23/1998"), once per distinct string (cached).

Relative expressions resolve against the document creation time (DCT) and a `direction`
(-1 past, 0 unknown, +1 future) that the caller reads from the tense of the governing verb
(see `pipeline/components/times.py`); "the following year" resolves against an `anchor`, the
previous absolute time in the document. Without a DCT the value stays underspecified
("XXXX-08") rather than invented.

Reference: TimeML 1.2.1 / TIMEX3 annotation guidelines (Saurí et al., 2006); value forms as in
the TempEval-3 TBAQ corpus.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Optional

from .models import TimeMod, TimeType

DATA = Path(__file__).parent / "data" / "timex_lexicon.json"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The TIMEX3 vocabulary (month, weekday and season names, numbers, mods, signals)."""
    with DATA.open(encoding="utf-8") as handle:
        return json.load(handle)


# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class Context:
    """What a relative expression resolves against.

    dct: document creation time; direction: -1 past, 0 unknown/present, +1 future (tense of the
    governing verb); anchor: a nearby previous absolute TIMEX3 value ("In 2014 ... a year
    earlier"); period: the reporting period, the last quarter the document named ("the third
    quarter ... a year ago" -> that quarter a year before).
    per_quantity: the expression follows an amount ("$5 a year"), which makes "a year" a SET.
    nearest: a deadline signal ("until", "through", "by") precedes it: a bare month or day is the
    nearest one, whatever the tense ("had been extended until Nov. 16").
    dct_month: the first day of the DCT's month when the DCT is known only to the month (a
    release number, no dateline); `dct` is then None. Only month names and year-less month-day
    dates ("July 16") resolve against it; everything that counts days from the DCT
    ("yesterday", "Sunday", "today", "last week") stays underspecified rather than guessed.
    """

    dct: Optional[date] = None
    direction: int = 0
    anchor: Optional[str] = None
    period: Optional[str] = None
    per_quantity: bool = False
    nearest: bool = False
    dct_month: Optional[date] = None


@dataclass(frozen=True)
class Timex:
    """A normalized TIMEX3: type (DATE, TIME, DURATION, SET), value, mod and ISO bounds."""

    type: TimeType
    value: Optional[str]
    mod: Optional[TimeMod] = None
    earliest: Optional[str] = None
    latest: Optional[str] = None


class Rule(str, Enum):
    """The grammar's rules, one per shape of expression (see RULES and HANDLERS)."""

    TIME = "time"
    YEAR_RANGE = "year_range"
    DATE = "date"
    MONTH = "month"
    HOLIDAY = "holiday"
    NUMERIC = "numeric"
    YEAR = "year"
    POST_YEAR = "post_year"
    DECADE = "decade"
    CENTURY = "century"
    QUARTER = "quarter"
    YEAR_ENDED = "year_ended"
    QUARTER_CODE = "quarter_code"
    PERIOD = "period"
    YEAR_ADJ = "year_adj"
    SEASON = "season"
    WEEKDAY = "weekday"
    DEICTIC = "deictic"
    AGO = "ago"
    REL = "rel"
    DURATION = "duration"
    SET = "set"
    PRESENT = "present"
    PAST = "past"
    FUTURE = "future"


@dataclass(frozen=True)
class Match:
    """A span the grammar found: text[start:end], and the rule that found it."""

    start: int
    end: int
    rule: Rule


# ---------------------------------------------------------------- regex building blocks


def _alt(words) -> str:
    """A regex alternation, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _cap_alt(names: dict) -> str:
    """Names that must be capitalized ("May", "MAY", not the modal "may"); abbreviations
    (a name shorter than another of the same meaning: "Aug", "Thurs") may take a dot."""
    forms = set()
    for word, meaning in names.items():
        abbreviation = any(len(other) > len(word) and names[other] == meaning for other in names)
        for form in (word.capitalize(), word.upper()):
            forms.add(re.escape(form) + (r"\.?" if abbreviation else ""))
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def _title_alt(names) -> str:
    """Title-case names ("Thanksgiving Day", "New Year's Day"), longest first."""
    titled = [" ".join(w[:1].upper() + w[1:] for w in name.split()) for name in names]
    return _alt(titled)


def _num_word_alt() -> str:
    words = [w for w in lexicon()["numbers"] if " " not in w and w not in ("a", "an", "half")]
    return _alt(words)


_LX = lexicon()
MONTH = _cap_alt(_LX["months"])
WEEKDAY = _cap_alt(_LX["weekdays"])
SEASON = _alt(_LX["seasons"])
PART = r"(?:morning|afternoon|evening|night|overnight)"
NUMW = _num_word_alt()
NUM = (
    rf"(?:(?!(?:1[5-9]|20)\d\d\b)\d+(?:\.\d+)?(?:\s+1/2)?|(?:a|an)\s+(?:couple\s+of|dozen|hundred|thousand)|a\s+couple|couple\s+of"
    rf"|(?:{NUMW})(?:(?:-|\s+)(?:{NUMW}))*|a|an|half\s+an?|(?:a|an)\s+half)"
)
VAGUE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|numerous|recent|coming|the\s+next\s+few|the\s+past\s+few|the\s+last\s+few|the\s+past\s+several|the\s+next\s+several)"
UNIT = r"(?:seconds|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
UNIT_ADJ = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)"
ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
SPOKEN_YEAR = r"(?:nineteen|twenty)[-\s]+(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|hundred)"
YEAR = rf"(?:{YEAR4}|{SPOKEN_YEAR}|the\s+year\s+two\s+thousand)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
SPOKEN_DAY = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|twenty-\w+|thirty-first)"
# In-span modifiers (TimeML keeps them inside the TIMEX3 and encodes them as `mod`).
QMOD = r"(?:about|around|roughly|approximately|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|(?:over|under)(?=\s+an?\b)|some)"
POS = r"(?:(?:the\s+)?(?:early|late|mid)(?:-|\s+)|mid-?|(?:the\s+)?(?:beginning|start|end|close|middle|early\s+part|latter\s+part)\s+of\s+(?:the\s+)?|earlier\s+|later\s+)"
REL = r"(?:this\s+past|this\s+coming|this|last|next|past|coming|previous|the\s+(?:past|previous|following|next|coming|same|current|latest|prior|last)|that|the)"
TZ = r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC))"
CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|(?-i:am|pm|AM|PM)\b)|noon|midnight|\d{1,2}:\d\d)"

APPROX = r"(?:(?:around|about|approximately|roughly)\s+)?"  # "around Nov. 1", "around year end"
B = r"(?<![\w$£€.'-])"  # left boundary: not inside a word, number, amount or abbreviation
E = r"(?![\w%-]|\.\d|,\d)"  # right boundary

# ---------------------------------------------------------------- the grammar

RULES: list[tuple[Rule, str]] = [
    (Rule.TIME, rf"(?:(?:about|around|at\s+about|approximately|shortly\s+(?:after|before))\s+)?{CLOCK}{TZ}?"
     rf"(?:(?:,?\s+|\s+on\s+)(?:(?:{WEEKDAY}),?\s+)?(?:(?:{MONTH})\s+{DAY}|{WEEKDAY}|today|yesterday|tomorrow))?"
     rf"|(?:{WEEKDAY}|today|yesterday|tomorrow)\s+at\s+{CLOCK}{TZ}?"),
    (Rule.DATE, rf"{APPROX}(?:{POS})?(?:(?:{WEEKDAY}),?\s+)?(?:(?:{MONTH})\s+(?:{DAY}|{SPOKEN_DAY})(?:,?\s+{YEAR})?|{DAY}\s+(?:of\s+)?(?:{MONTH})(?:,?\s+{YEAR4})?)"),
    (Rule.MONTH, rf"{APPROX}(?:{POS}|(?:this\s+past|this\s+coming|this|last|next|that|each|every)\s+)?(?:{MONTH})(?:,?\s+(?:of\s+)?{YEAR}|\s+(?:this|last|next)\s+year)?"),
    (Rule.HOLIDAY, rf"(?:(?:last|this|next|this\s+past|this\s+coming)\s+)?(?-i:{_title_alt(_LX['holidays'])})"),
    (Rule.NUMERIC, rf"\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)|{YEAR4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"),
    (Rule.YEAR_RANGE, rf"{YEAR4}\s*[-–]\s*{YEAR4}"),
    (Rule.YEAR, rf"(?:{POS}|fiscal\s+(?:year\s+)?|calendar\s+(?:year\s+)?|(?:the\s+)?(?:year|summer|spring|fall|autumn|winter)\s+(?:of\s+)?)?{YEAR}(?:\s+or\s+(?:later|earlier|so)|\s+and\s+beyond)?"),
    (Rule.POST_YEAR, rf"post-{YEAR4}|pre-{YEAR4}"),
    (Rule.DECADE, rf"(?:{POS}|the\s+)?(?:(?:the\s+)?(?:last|first|second)\s+half\s+of\s+the\s+)?(?:1\d\d0s|20\d0s|'\d0s|\d0s|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"),
    (Rule.CENTURY, rf"(?:{POS}|the\s+|this\s+|last\s+|next\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{SPOKEN_DAY})[-\s]+century|(?:this|last|next|the\s+past|the\s+last)\s+century"),
    (Rule.QUARTER, rf"(?:{POS})?(?:(?:the|this|last|next|that|each|every)\s+)?(?:(?:{YEAR4}|year-earlier|year-ago|comparable|latest|current|same|corresponding|fiscal|this\s+year's|last\s+year's|next\s+year's|flat)\s+)*(?:fiscal[-\s])?(?:{ORD}[-\s](?:fiscal\s+)?(?:quarter|half)|(?<=the\s)quarter|(?<=\d\s)quarter|(?<=this\s)quarter|(?<=last\s)quarter|(?<=next\s)quarter|(?<=that\s)quarter|(?<=latest\s)quarter|(?<=ago\s)quarter|(?<=earlier\s)quarter|(?<=same\s)quarter)(?:\s+of\s+(?:fiscal\s+)?{YEAR4}|\s+{YEAR4})?"),
    (Rule.QUARTER_CODE, rf"(?-i:[QH][1-4])(?:\s+{YEAR4}|\s*'\d\d)?|{YEAR4}\s+(?-i:[QH][1-4])|(?-i:FY)\s*(?:{YEAR4}|\d\d)"),
    (Rule.YEAR_ENDED, r"the\s+(?:fiscal\s+)?(?:year|quarter)(?=\s+end(?:ed|ing)\b)"),
    (Rule.PERIOD, rf"(?:the\s+)?(?:year-earlier|year-ago|latest|same|comparable|corresponding|{YEAR4})\s+period(?:\s+(?:last|a)\s+year)?"),
    (Rule.YEAR_ADJ, rf"{APPROX}(?:year-earlier|year-ago|year-end|year\s+end|year's\s+end|the\s+end\s+of\s+the\s+year)"),
    (Rule.SEASON, rf"(?:{POS})?(?:(?:this\s+past|this\s+coming|this|last|next|that|the|early|late)\s+)?(?:{SEASON})(?:\s+(?:of\s+)?{YEAR})?(?=\W|$)"),
    (Rule.WEEKDAY, rf"(?:(?:early|late|earlier|later)\s+)?(?:(?:this\s+past|this\s+coming|last|next|this|the\s+previous|the\s+following|coming|each|every)\s+)?(?:{WEEKDAY})(?:'s)?(?:\s+{PART}s?)?"),
    (Rule.DEICTIC, rf"(?:(?:early|late|earlier|later)\s+)?(?:today|yesterday|tomorrow|tonight)(?:\s+{PART})?|(?:(?:early|late|earlier|later)\s+)?(?:this|last|tomorrow|yesterday)\s+{PART}|(?:the\s+)?mid(?:-|\s+)?(?:afternoon|morning)(?:\s+(?:today|yesterday|tomorrow))?|midday|the\s+(?:morning|evening|afternoon)"),
    (Rule.AGO, rf"(?:{QMOD}\s+)?(?:{NUM}|{VAGUE})[-\s]+(?:more\s+)?{UNIT}(?:\s+or\s+so)?\s+(?:ago|earlier|later|from\s+now|hence)"),
    (Rule.REL, rf"(?:(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of)\s+)?(?:{REL})\s+(?:fiscal\s+)?(?:week|weekend|month|year|day|decade|quarter)(?:\s+or\s+so)?"
     rf"|(?:earlier|later)\s+(?:this|that|in\s+the|next|last)\s+(?:week|month|year|day|decade|quarter|morning|afternoon|evening)"),
    (Rule.DURATION, rf"(?:{QMOD}\s+)?(?:each\s+of\s+)?(?:the\s+)?(?:(?:past|last|next|first|final|previous|coming|latest|following|initial|remaining|same|full|year-earlier|additional)\s+)?(?:{NUM}|{VAGUE})\s+(?:(?:more|additional|full|straight|consecutive|trading|business|calendar|long)\s+)?{UNIT}(?:\s+or\s+so|\s+or\s+(?:{NUM}))?(?:\s+and\s+a\s+half)?(?!-old|\s+old\b)"
     rf"|(?:{NUM})\s+to\s+(?:{NUM})\s+{UNIT}|(?:{NUM})-{UNIT_ADJ}(?:-long)?(?!-old|\s+old\b)|(?:years|months|weeks|days|decades|centuries|hours|minutes)(?:\s+or\s+(?:years|months|weeks|days|decades))?(?!\s+old\b)|decades-long|a\s+while|some\s+time(?=\W|$)|the\s+weeks\s+ahead"),
    (Rule.SET, r"(?-i:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)|(?:twice|once|three\s+times)\s+a\s+(?:day|week|month|year)"
     rf"|(?:every|each|per)\s+(?:other\s+)?(?:{UNIT_ADJ}|{WEEKDAY}|{MONTH}|{SEASON})|(?:{WEEKDAY})s(?:\s+{PART}s)?"),
    (Rule.PRESENT, _alt(_LX["present_ref"])),
    (Rule.PAST, _alt(_LX["past_ref"])),
    (Rule.FUTURE, _alt(_LX["future_ref"])),
]

_COMPILED: list[tuple[Rule, re.Pattern]] = [
    (name, re.compile(B + "(?:" + pattern + ")" + E, re.I)) for name, pattern in RULES
]


def find(text: str) -> list[Match]:
    """All non-overlapping candidate spans in `text`, leftmost-longest, sorted by start."""
    found = [
        Match(m.start(), m.end(), name)
        for name, pattern in _COMPILED
        for m in pattern.finditer(text)
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Match] = []
    for match in found:
        if chosen and match.start < chosen[-1].end:
            continue
        if match.rule == Rule.YEAR_RANGE:  # "2014-2019": TimeML marks each end
            chosen.extend(Match(m.start() + match.start, m.end() + match.start, Rule.YEAR)
                          for m in re.finditer(YEAR4, text[match.start:match.end]))
            continue
        chosen.append(_trim(text, match))
    return [m for m in chosen if m.end > m.start]


_ADJECTIVAL = re.compile(r"(?:the|that|this|a|an)\s+(?=[\w']+-(?:quarter|half|year|month|week|day|hour|minute)\b)", re.I)


def _trim(text: str, match: Match) -> Match:
    """TimeML span conventions the patterns cannot express: no trailing possessive "'s" or
    punctuation; no determiner before an adjectival timex ("the [third-quarter] results")."""
    start, end = match.start, match.end
    while end > start and text[end - 1] in " ,":
        end -= 1
    if text[start:end].lower().endswith("'s"):
        end -= 2
    determiner = _ADJECTIVAL.match(text, start, end)
    if determiner:
        start = determiner.end()
    return Match(start, end, match.rule)


# ---------------------------------------------------------------- values


#: Month abbreviations ("jan", "sept"), which alone and without a dot are not taken as months.
_ABBREVIATIONS = {name for name, n in _LX["months"].items() if any(len(o) > len(name) and m == n for o, m in _LX["months"].items())}


def _months() -> dict[str, int]:
    return _LX["months"]


def number(words: str) -> Optional[float]:
    """A small cardinal in digits or words: "24", "twenty-four", "a couple of" -> 2; None if vague."""
    w = re.sub(r"\s+", " ", words.lower().strip()).replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d+ 1/2", w):
        return float(w.split()[0]) + 0.5
    numbers = _LX["numbers"]
    if w in numbers:
        return float(numbers[w])
    if w in ("half a", "half an", "a half", "an half"):
        return 0.5
    total, current = 0.0, 0.0
    for part in re.split(r"[-\s]+", w):
        if part in ("a", "an", "and", "of"):
            current = current or (1.0 if part in ("a", "an") else current)
            continue
        if part not in numbers:
            return None
        value = float(numbers[part])
        if value in (100, 1000):
            current = (current or 1.0) * value
            if value == 1000:
                total, current = total + current, 0.0
        else:
            current += value
    return total + current or None


def _spoken_year(text: str) -> Optional[int]:
    """ "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    t = text.lower()
    if "two thousand" in t:
        return 2000
    parts = re.split(r"\s+", t.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    century, rest = number(parts[0]), number(parts[1]) if parts[1] != "hundred" else 0
    if century is None or rest is None:
        return None
    return int(century * 100 + rest)


def _year(text: str) -> Optional[int]:
    m = re.search(YEAR4 + r"(?!\d)", text)
    if m:
        return int(m.group())
    m = re.search(SPOKEN_YEAR + "|two thousand", text, re.I)
    return _spoken_year(m.group()) if m else None


_POSITIONAL = ("START", "MID", "END")
#: In-span modifier words at the start of a phrase, longest first: (pattern, mod).
_MOD_WORDS = [
    (re.compile(re.escape(words).replace(r"\ ", r"\s+") + (r"(?:\b|-|\s)" if mod in _POSITIONAL else r"\b")), mod)
    for words, mod in sorted(_LX["mods"].items(), key=lambda kv: -len(kv[0]))
]


def _pos_mod(text: str) -> Optional[str]:
    """START/MID/END from "early", "mid-", "the end of", "earlier this" ... at the phrase start."""
    t = text.lower()
    return next((mod for pattern, mod in _MOD_WORDS if mod in _POSITIONAL and pattern.match(t)), None)


def _q_mod(text: str) -> Optional[str]:
    """APPROX/LESS_THAN/MORE_THAN... from "about", "nearly", "more than", "or so" in the phrase."""
    t = text.lower()
    if re.search(r"\bor\s+so\b", t):
        return "APPROX"
    if re.search(r"\bor\s+later\b|\band\s+beyond\b", t):
        return "ON_OR_AFTER"
    if re.search(r"\bor\s+earlier\b", t):
        return "ON_OR_BEFORE"
    return next((mod for pattern, mod in _MOD_WORDS if mod not in _POSITIONAL and pattern.match(t)), None)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_value(year: Optional[int], month: int) -> str:
    return f"{year if year is not None else 'XXXX'}-{month:02d}"


def _dct_month(ctx: Context) -> Optional[date]:
    """The DCT's month (as its first day), whether the DCT is a day or only a month."""
    if ctx.dct is not None:
        return ctx.dct.replace(day=1)
    return ctx.dct_month


def _resolve_month(month: int, ctx: Context) -> str:
    """A bare month name, resolved around the DCT: the nearest one after a deadline signal; in
    the tense's direction otherwise (next month is still "in September" in a past clause about
    a plan); news being mostly about the past, an unknown tense leans back unless the month is
    at most two months ahead. Needs only the DCT's month, so a month-only DCT serves."""
    dct = _dct_month(ctx)
    if dct is None:
        return _month_value(None, month)
    year, diff = dct.year, month - dct.month
    if ctx.nearest:
        year += -1 if diff > 6 else 1 if diff < -6 else 0
    elif ctx.direction < 0:
        year -= diff > 1
    elif ctx.direction > 0:
        year += diff < 0
    else:
        year -= diff > 2
    return _month_value(year, month)


def _resolve_month_day(month: int, day: int, ctx: Context) -> Optional[str]:
    """ "Aug. 7" without a year: the nearest such day to the DCT, unless that one lies more than
    a month on the wrong side of the tense ("set on Aug. 6" in February is last August)."""
    if day > calendar.monthrange(2000, month)[1]:  # a leap year: Feb. 29 exists in some years
        return None
    if ctx.dct is None:
        if ctx.dct_month is not None:
            return _resolve_month_day_in_month(month, day, ctx)
        return f"XXXX-{month:02d}-{day:02d}"
    candidates = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    candidates.sort(key=lambda d: abs((d - ctx.dct).days))
    best = candidates[0]
    delta = (best - ctx.dct).days
    wrong_side = ctx.direction < 0 and delta > 31 or ctx.direction > 0 and delta < -31
    if wrong_side and not ctx.nearest and len(candidates) > 1:
        best = candidates[1]
    return best.isoformat()


def _resolve_month_day_in_month(month: int, day: int, ctx: Context) -> Optional[str]:
    """ "July 16" against a month-only DCT ("2010-07"): the year whose such month is nearest the
    DCT's month (a January date in a December release is next January), unless that lies two
    or more months on the wrong side of the tense. Counted in whole months, since the DCT's
    day is unknown: a month's difference could be anything from 1 to 61 days."""
    dct = ctx.dct_month
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # Feb. 29 outside a leap year
            continue
    if not candidates:
        return None

    def months_ahead(d: date) -> int:
        return (d.year - dct.year) * 12 + d.month - dct.month

    candidates.sort(key=lambda d: abs(months_ahead(d)))
    best = candidates[0]
    delta = months_ahead(best)
    wrong_side = ctx.direction < 0 and delta > 1 or ctx.direction > 0 and delta < -1
    if wrong_side and not ctx.nearest and len(candidates) > 1:
        best = candidates[1]
    return best.isoformat()


def _resolve_weekday(weekday: int, ctx: Context, shift: str = "") -> str:
    """ "Friday": the nearest such day in the tense's direction; "last"/"next" force it."""
    if ctx.dct is None:
        return f"XXXX-WXX-{weekday}"
    today = ctx.dct.isoweekday()
    back = (today - weekday) % 7
    ahead = (weekday - today) % 7
    if shift in ("last", "this past", "the previous"):
        back = back or 7
        return (ctx.dct - timedelta(days=back)).isoformat()
    if shift in ("next", "this coming", "coming", "the following"):
        ahead = ahead or 7
        return (ctx.dct + timedelta(days=ahead)).isoformat()
    if ctx.direction > 0 or ctx.nearest and ahead < back:
        return (ctx.dct + timedelta(days=ahead)).isoformat()
    if ctx.direction < 0 or back <= ahead:
        return (ctx.dct - timedelta(days=back)).isoformat()
    return (ctx.dct + timedelta(days=ahead)).isoformat()


def _unit_code(unit: str) -> tuple[str, float]:
    """ "weeks" -> ("W", 1), "decade" -> ("Y", 10), "hours" -> ("H", 1)."""
    u = unit.lower().rstrip("s")
    if u.startswith("centur"):
        u = "century"
    if u.startswith("millenni"):
        u = "millennium"
    code = _LX["units"].get(u, "X")
    factor = _LX["unit_factor"].get(u, 1)
    if code in ("DE", "CE", "ML"):
        return "Y", factor
    if u == "fortnight":
        return "W", 2
    if u == "weekend":
        return "D", 2
    return code, factor


def duration(amount: Optional[float], unit: str) -> str:
    """ISO 8601 duration: (3, "months") -> P3M, (None, "years") -> PXY, (16, "hour") -> PT16H."""
    code, factor = _unit_code(unit)
    time_unit = code in ("H", "S") or (code == "M" and unit.lower().startswith("minute"))
    if amount is None:
        qty = "X"
    else:
        total = amount * factor
        if total != int(total):
            if time_unit and code == "M" and total * 60 == int(total * 60):
                return f"PT{int(total)}M{int(total * 60 % 60)}S"
            if code == "Y" and total * 12 == int(total * 12):
                years, months = int(total), int(round((total - int(total)) * 12))
                return f"P{years}Y{months}M" if years else f"P{months}M"
            if code == "D":
                return f"PT{int(total * 24)}H"
            if code == "H":
                return f"PT{int(total)}H{int(round((total - int(total)) * 60))}M"
            qty = str(total)
        else:
            qty = str(int(total))
    return f"PT{qty}{code}" if time_unit else f"P{qty}{code}"


def _shift(day: date, amount: int, code: str) -> date:
    if code == "Y":
        return _add_months(day, 12 * amount)
    if code == "M":
        return _add_months(day, amount)
    if code == "Q":
        return _add_months(day, 3 * amount)
    if code == "W":
        return day + timedelta(weeks=amount)
    return day + timedelta(days=amount)


def _at_granularity(day: date, code: str, factor: float = 1) -> str:
    if code == "Y" and factor >= 10:
        return str(day.year)[:3] if factor < 100 else str(day.year)[:2]
    return {
        "Y": str(day.year),
        "Q": f"{day.year}-Q{_quarter(day)}",
        "M": f"{day.year}-{day.month:02d}",
        "W": iso_week(day),
    }.get(code, day.isoformat())


def _anchor_date(ctx: Context) -> Optional[date]:
    """The anchor value as a date (its first day), else the DCT."""
    if ctx.anchor:
        bounds = bounds_of(ctx.anchor)
        if bounds:
            return date.fromisoformat(bounds[0])
    return ctx.dct


def _shift_value(value: str, amount: int, code: str, factor: float = 1) -> Optional[str]:
    """Shift a TIMEX3 value by N units, keeping its granularity ("1989-Q3" - 1 year = 1988-Q3)."""
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if m and code in ("Y", "Q"):
        index = int(m.group(1)) * 4 + int(m.group(2)) - 1 + amount * (4 if code == "Y" else 1) * int(factor)
        return f"{index // 4}-Q{index % 4 + 1}"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI|H\d)", value)
    if m and code == "Y":
        return f"{int(m.group(1)) + amount * int(factor)}-{m.group(2)}"
    bounds = bounds_of(value)
    if not bounds:
        return None
    start = date.fromisoformat(bounds[0])
    shifted = _shift(start, int(amount * factor), code)
    granularity = {4: "Y", 7: "M", 10: "D"}.get(len(value), "W" if "-W" in value else "D")
    if code == "D" or code == "H" or code == "W" and granularity != "Y":
        granularity = code if code in ("W", "D") else "D"
    if granularity == "W" or (code == "W" and "-W" in value):
        return iso_week(shifted)
    return _at_granularity(shifted, granularity)


# ---------------------------------------------------------------- bounds


def bounds_of(value: Optional[str]) -> Optional[tuple[str, str]]:
    """ISO (earliest, latest) days covered by a TIMEX3 value; None when not computable."""
    if not value:
        return None
    v = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            date.fromisoformat(v)  # raises for a day that does not exist
            return v, v
        if re.fullmatch(r"\d{4}-\d\d", v):
            year, month = int(v[:4]), int(v[5:])
            return f"{v}-01", f"{v}-{calendar.monthrange(year, month)[1]:02d}"
        if re.fullmatch(r"\d{4}", v):
            return f"{v}-01-01", f"{v}-12-31"
        if re.fullmatch(r"\d{3}", v):
            return f"{v}0-01-01", f"{v}9-12-31"
        if re.fullmatch(r"\d\d", v):
            return f"{v}00-01-01", f"{v}99-12-31"
        m = re.fullmatch(r"(\d{4})-W(\d\d?)(-WE)?", v)
        if m:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
            return monday.isoformat(), (monday + timedelta(days=1 if m.group(3) else 6)).isoformat()
        m = re.fullmatch(r"(\d{4})-Q(\d)", v)
        if m:
            year, q = int(m.group(1)), int(m.group(2))
            last = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
            return date(year, 3 * q - 2, 1).isoformat(), last.isoformat()
        m = re.fullmatch(r"(\d{4})-H(\d)", v)
        if m:
            year = m.group(1)
            return (f"{year}-01-01", f"{year}-06-30") if m.group(2) == "1" else (f"{year}-07-01", f"{year}-12-31")
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            year, (first, last) = int(m.group(1)), _LX["season_months"][m.group(2)]
            end_year = year + 1 if last < first else year
            return (date(year, first, 1).isoformat(),
                    date(end_year, last, calendar.monthrange(end_year, last)[1]).isoformat())
    except ValueError:
        return None
    return None


def _with_bounds(t: Timex) -> Timex:
    """Closed vocabularies as enums; earliest/latest from the value and the mod (BEFORE/AFTER
    open one end: "by September 2026" covers up to 2026-09-30, from no known start)."""
    t = Timex(TimeType(t.type), t.value, TimeMod(t.mod) if t.mod else None)
    if t.type not in ("DATE", "TIME"):
        return t
    bounds = bounds_of(t.value)
    if not bounds:
        return t
    earliest, latest = bounds
    if t.mod in ("BEFORE", "ON_OR_BEFORE"):
        latest = latest if t.mod == "ON_OR_BEFORE" else (date.fromisoformat(earliest) - timedelta(days=1)).isoformat()
        earliest = None
    elif t.mod in ("AFTER", "ON_OR_AFTER"):
        earliest = earliest if t.mod == "ON_OR_AFTER" else (date.fromisoformat(latest) + timedelta(days=1)).isoformat()
        latest = None
    return Timex(t.type, t.value, t.mod, earliest, latest)


# ---------------------------------------------------------------- rule handlers


Handler = Callable[[str, Context], Optional[Timex]]


def _h_time(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    day_text = re.sub(CLOCK + "|" + TZ, " ", text, flags=re.I)
    day = _h_date(day_text.strip(" ,"), ctx) if re.search(MONTH, day_text) else None
    if day is None:
        wd = re.search(WEEKDAY, day_text)
        rel = re.search(r"today|yesterday|tomorrow", day_text, re.I)
        if wd:
            base = _resolve_weekday(_LX["weekdays"][wd.group().lower().rstrip(".")], ctx)
        elif rel:
            base = _deictic_day(rel.group().lower(), ctx)
        else:
            base = _current_day(ctx)
    else:
        base = day.value
    clock = re.search(CLOCK, t)
    hour, minute = 0, 0
    if clock:
        c = clock.group()
        if c == "noon":
            hour = 12
        elif c == "midnight":
            hour = 24
        else:
            hm = re.match(r"(\d{1,2})(?::(\d\d))?", c)
            hour, minute = int(hm.group(1)), int(hm.group(2) or 0)
            if "p" in c and hour < 12:
                hour += 12
            if "a" in c and hour == 12:
                hour = 0
    mod = "APPROX" if re.match(r"(?:about|around|approximately|at about)", t) else None
    return Timex("TIME", f"{base}T{hour:02d}:{minute:02d}", mod)


def _current_day(ctx: Context) -> str:
    """The day a bare clock time or "the morning" falls on: the day just named, else the DCT."""
    if ctx.anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.anchor):
        return ctx.anchor
    return ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"


def _deictic_day(word: str, ctx: Context) -> str:
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if ctx.dct is None:
        return "XXXX-XX-XX"
    return (ctx.dct + timedelta(days=offset)).isoformat()


def _h_date(text: str, ctx: Context) -> Optional[Timex]:
    month_m = re.search(MONTH, text)
    if not month_m:
        return None
    month = _months()[month_m.group().lower().rstrip(".")]
    rest = text[month_m.end():]
    before = text[:month_m.start()]
    day_m = re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)", rest) or re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$", before)
    day = int(day_m.group(1)) if day_m else None
    if day is None:
        spoken = re.search(SPOKEN_DAY, rest, re.I)
        day = _ordinal(spoken.group()) if spoken else None
        if not day:
            return None
    year = _year(rest)
    if year:
        value = f"{year}-{month:02d}-{day:02d}"
        if bounds_of(value) is None:
            return None  # "February 31, 2023" names no day
    else:
        value = _resolve_month_day(month, day, ctx)
    return Timex("DATE", value, _pos_mod(text)) if value else None


def _ordinal(word: str) -> Optional[int]:
    """ "eighth" -> 8, "twenty-third" -> 23, "thirtieth" -> 30."""
    w = word.lower()
    if w in _LX["ordinals"]:
        return _LX["ordinals"][w]
    tens = {"twentieth": 20, "thirtieth": 30}
    if w in tens:
        return tens[w]
    head, _, tail = w.partition("-")
    if head in ("twenty", "thirty") and tail in _LX["ordinals"]:
        return _LX["numbers"][head] + _LX["ordinals"][tail]
    return None


def _h_month(text: str, ctx: Context) -> Optional[Timex]:
    month_m = re.search(MONTH, text)
    if not month_m:
        return None
    name = month_m.group().lower()
    month = _months()[name.rstrip(".")]
    t = text.lower()
    if re.match(r"(each|every)\b", t):
        return Timex("SET", f"XXXX-{month:02d}")
    year = _year(text[month_m.end():])
    if year is None and name in _ABBREVIATIONS and t == name:
        return None  # a lone "Jan" or "Dec" is a name ("Fayez Jan") more often than a month
    dct = _dct_month(ctx)  # "last July" needs only the DCT's month
    if year is None and dct is not None:
        shift = re.search(r"\b(last|next|this past|this coming|this)\b", t)
        ref_year = re.search(r"\b(this|last|next) year\b", t)
        if ref_year:
            year = dct.year + {"this": 0, "last": -1, "next": 1}[ref_year.group(1)]
        elif shift and shift.group(1) in ("last", "this past"):
            year = dct.year if month < dct.month else dct.year - 1
        elif shift and shift.group(1) == "this":
            year = dct.year
        elif shift:
            year = dct.year if month > dct.month else dct.year + 1
    value = _month_value(year, month) if year else _resolve_month(month, ctx)
    return Timex("DATE", value, _pos_mod(text))


def _h_numeric(text: str, ctx: Context) -> Optional[Timex]:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return Timex("DATE", text) if bounds_of(text) else None
    parsed = _dateparser(text)
    return Timex("DATE", parsed) if parsed else None


@lru_cache(maxsize=4096)
def _dateparser(text: str) -> Optional[str]:
    """Numeric dates ("10/23/1998") through dateparser, English, month first; cached per string."""
    import dateparser  # slow import: only when a numeric date occurs

    result = dateparser.parse(text, languages=["en"], settings={"DATE_ORDER": "MDY", "PREFER_DATES_FROM": "past"})
    return result.date().isoformat() if result else None


def _h_year(text: str, ctx: Context) -> Optional[Timex]:
    year = _year(text)
    if year is None:
        return None
    t = text.lower()
    season = re.search(SEASON, t)
    if season:
        return Timex("DATE", f"{year}-{_LX['seasons'][season.group()]}", _pos_mod(text))
    mod = _pos_mod(text) or _q_mod(text)
    return Timex("DATE", str(year), mod)


def _h_post_year(text: str, ctx: Context) -> Optional[Timex]:
    year = _year(text)
    return Timex("DATE", str(year), "AFTER" if text.lower().startswith("post") else "BEFORE")


def _h_decade(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    m = re.search(r"(\d{3})0s|'(\d)0s|\b(\d)0s", t)
    if m and m.group(1):
        value = m.group(1)
    elif m:
        digit = m.group(2) or m.group(3)
        century = "19" if ctx.dct is None or int(digit) > ctx.dct.year % 100 // 10 else str(ctx.dct.year)[:2]
        value = century + digit
    else:
        word = re.search("|".join(_LX["decade_words"]), t)
        if not word:
            return None
        value = "19" + str(_LX["decade_words"][word.group()])
    mod = _pos_mod(re.sub(r"^the\s+", "", t)) or ("END" if re.search(r"(last|second) half", t) else "START" if "first half" in t else None)
    return Timex("DATE", value, mod)


def _h_century(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", t)
    if m:
        value = f"{int(m.group(1)) - 1:02d}"
    elif ctx.dct is not None and re.search(r"\b(this|last|next|past)\b", t):
        shift = {"this": 0, "last": -1, "next": 1, "past": -1}[re.search(r"\b(this|last|next|past)\b", t).group(1)]
        if re.search(r"the\s+(past|last)\s+century", t):
            return Timex("DURATION", "P100Y")
        value = f"{ctx.dct.year // 100 + shift:02d}"
    else:
        spoken = re.search(SPOKEN_DAY, t)
        if not spoken or spoken.group() not in _LX["ordinals"]:
            return None
        value = f"{_LX['ordinals'][spoken.group()] - 1:02d}"
    return Timex("DATE", value, _pos_mod(re.sub(r"^the\s+", "", t)))


def _h_quarter_code(text: str, ctx: Context) -> Optional[Timex]:
    """ "Q3 2024", "H1 '25", "2024 Q3", "FY2024": the year given, else the DCT's."""
    code = re.search(r"([QH])([1-4])", text)
    digits = re.search(r"(\d{4})|'?(\d\d)\b", re.sub(r"[QH][1-4]", "", text))
    year = None
    if digits:
        year = int(digits.group(1)) if digits.group(1) else 2000 + int(digits.group(2))
    if code is None:
        return Timex("DATE", str(year)) if year else None
    if code.group(1) == "H" and int(code.group(2)) > 2:
        return None
    if year is None:
        year = ctx.dct.year if ctx.dct else None
    return Timex("DATE", f"{year if year else 'XXXX'}-{code.group(1)}{code.group(2)}")


def _h_quarter(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    half = "half" in t
    ordinal = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[-\s](?:fiscal\s+)?(?:quarter|half)", t)
    n = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}.get(ordinal.group(1), None) if ordinal else None
    if ordinal and n is None:
        n = _LX["ordinals"][ordinal.group(1)]
    if half and n:
        n = 2 if n >= 2 else 1
    year = _year(text)
    if re.match(r"(each|every)\b", t):
        return Timex("SET", "P3M" if not half else "P6M")
    back = re.search(r"year-earlier|year-ago|last year's", t)
    ahead = re.search(r"next year's", t)
    if year is None:
        if ctx.dct is None:
            return Timex("DATE", f"XXXX-{'H' if half else 'Q'}{n or 'X'}", _pos_mod(text))
        if n is None:
            anchor = ctx.period
            if re.search(r"\b(this|current)\b", t):
                anchor = f"{ctx.dct.year}-Q{_quarter(ctx.dct)}"
            elif anchor is None:
                previous = _add_months(ctx.dct, -3)
                anchor = f"{previous.year}-Q{_quarter(previous)}"
            value = anchor
            if back:
                value = _shift_value(anchor, -1, "Y") or anchor
            elif re.search(r"\b(last|previous)\b", t):
                value = _shift_value(anchor, -1, "Q") or anchor
            elif re.search(r"\bnext\b", t):
                value = _shift_value(anchor, 1, "Q") or anchor
            return Timex("DATE", value, _pos_mod(text))
        year = ctx.dct.year + (-1 if back else 1 if ahead else 0)
    return Timex("DATE", f"{year}-{'H' if half else 'Q'}{n or 'X'}", _pos_mod(text))


def _h_period(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    year = _year(text)
    anchor = ctx.period
    if year is not None:
        return Timex("DATE", f"{year}-Q{anchor[-1]}" if anchor else str(year))
    if anchor is None:
        if ctx.dct is None:
            return Timex("DATE", "XXXX-QX")
        previous = _add_months(ctx.dct, -3)
        anchor = f"{previous.year}-Q{_quarter(previous)}"
    if re.search(r"year-earlier|year-ago|last year|a year", t):
        return Timex("DATE", _shift_value(anchor, -1, "Y"))
    return Timex("DATE", anchor)


def _h_year_adj(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    if "end" in t:
        return Timex("DATE", str(ctx.dct.year) if ctx.dct else "XXXX", "END")
    return _relative_shift(-1, "Y", 1, ctx, anchored=False, periodic=True)


def _relative_shift(amount: int, code: str, factor: float, ctx: Context, anchored: bool = True,
                    periodic: bool = False) -> Timex:
    """N units before/after the anchor when `anchored` and there is one, else the reporting
    period for whole years and quarters ("a year ago" after "the third quarter" -> 1988-Q3),
    else the DCT; at the unit's granularity. Only comparisons (`periodic`: "a year ago",
    "year-earlier") count from the reporting period; "last year" is the DCT's."""
    reference = ctx.anchor if anchored else None
    if reference is None and periodic and code in ("Y", "Q") and factor == 1 and ctx.period:
        reference = ctx.period
    if reference and code in ("Y", "Q") and re.fullmatch(r"\d{4}-Q\d", reference):
        return Timex("DATE", _shift_value(reference, amount, code, factor))
    base = _anchor_date(ctx) if reference else ctx.dct
    if base is None:
        return Timex("DATE", {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(code, "XXXX-XX-XX"))
    shifted = _shift(base, int(amount * factor), "Y" if factor >= 10 and code == "Y" else code)
    return Timex("DATE", _at_granularity(shifted, code if code in ("Y", "M", "W", "Q") else "D"))


def _h_season(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    season_m = re.search(SEASON, t)
    if not season_m:
        return None
    code = _LX["seasons"][season_m.group()]
    year = _year(text)
    if year is None:
        if ctx.dct is None:
            return Timex("DATE", f"XXXX-{code}", _pos_mod(text))
        year = ctx.dct.year
        first = _LX["season_months"][code][0]
        in_season = _season_of(ctx.dct) == code
        if re.search(r"\b(last|this past)\b", t):
            year = year - 1 if in_season or first > ctx.dct.month else year
        elif re.search(r"\b(next|this coming)\b", t):
            year = year + 1 if in_season or first <= ctx.dct.month else year
        elif not re.search(r"\bthis\b", t):
            if ctx.direction < 0 and first > ctx.dct.month:
                year -= 1
            elif ctx.direction > 0 and first < ctx.dct.month and not in_season:
                year += 1
    return Timex("DATE", f"{year}-{code}", _pos_mod(re.sub(r"^(the|this)\s+", "", t)))


def _season_of(day: date) -> str:
    for code, (first, last) in _LX["season_months"].items():
        if first <= day.month <= last or (last < first and (day.month >= first or day.month <= last)):
            return code
    return "WI"


def _h_weekday(text: str, ctx: Context) -> Optional[Timex]:
    t = text.lower()
    wd = re.search(WEEKDAY, text)
    if not wd:
        return None
    weekday = _LX["weekdays"][wd.group().lower().rstrip(".")]
    if re.match(r"(each|every)\b", t):
        return Timex("SET", f"XXXX-WXX-{weekday}")
    shift = re.search(r"(this past|this coming|last|next|the previous|the following|coming)\s", t)
    value = _resolve_weekday(weekday, ctx, shift.group(1) if shift else "")
    part = re.search(PART, t)
    mod = _pos_mod(t)
    if part:
        code = _LX["parts_of_day"][part.group()]
        return Timex("TIME", f"{value}T{code}", mod)
    return Timex("DATE", value, mod)


def _h_deictic(text: str, ctx: Context) -> Optional[Timex]:
    t = re.sub(r"\s+", " ", text.lower())
    day_m = re.search(r"today|yesterday|tomorrow|tonight", t)
    if day_m:
        day = _deictic_day(day_m.group(), ctx)
    elif t.startswith(("last ",)) or (" last " in t):
        day = _deictic_day("yesterday", ctx)
    elif t.startswith("the "):
        day = _current_day(ctx)
    else:
        day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    mod = _pos_mod(t)
    part = re.search(r"morning|afternoon|evening|night|overnight|midday", t)
    if t.startswith("tomorrow") and part:
        day = _deictic_day("tomorrow", ctx)
    if day_m and day_m.group() == "tonight":
        return Timex("TIME", f"{day}TNI", mod)
    if part:
        if part.group() == "midday":
            return Timex("TIME", f"{day}T12:00", mod)
        return Timex("TIME", f"{day}T{_LX['parts_of_day'][part.group()]}", mod or ("MID" if "mid" in t else None))
    return Timex("DATE", day, mod)


def _h_ago(text: str, ctx: Context) -> Optional[Timex]:
    t = re.sub(r"\s+", " ", text.lower())
    m = re.search(rf"({NUM}|{VAGUE})[-\s]+(?:more\s+)?({UNIT})(?:\s+or\s+so)?\s+(ago|earlier|later|from now|hence)$", t, re.I)
    if not m:
        return None
    amount = number(m.group(1))
    code, factor = _unit_code(m.group(2))
    sign = -1 if m.group(3) in ("ago", "earlier") else 1
    mod = _q_mod(t)
    if amount is None:
        if ctx.dct is None:
            return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
        if code == "Y":
            value = str(ctx.dct.year)[:3] + "X" if factor == 1 else "PAST_REF"
            return Timex("DATE", value if sign < 0 else "FUTURE_REF", mod)
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    anchored = m.group(3) in ("earlier", "later")
    if code in ("H", "S") or (code == "M" and "minute" in m.group(2)):
        code = "D"
    result = _relative_shift(sign * int(amount), code, factor, ctx, anchored=anchored, periodic=True)
    return Timex(result.type, result.value, mod)


_REL_SHIFT = {"this": 0, "the current": 0, "the same": 0, "that": 0, "the": 0, "last": -1, "past": -1,
              "previous": -1, "the previous": -1, "the prior": -1, "the past": -1, "the last": -1,
              "next": 1, "coming": 1, "the next": 1, "the following": 1, "the coming": 1, "the latest": 0,
              "this past": -1, "this coming": 1}


def _h_rel(text: str, ctx: Context) -> Optional[Timex]:
    t = re.sub(r"\s+", " ", text.lower())
    mod = _pos_mod(t) or _q_mod(t)
    m = re.search(r"(earlier|later) (this|that|in the|next|last) (week|month|year|day|decade|quarter|morning|afternoon|evening)$", t)
    if m:
        unit = m.group(3)
        if unit in ("morning", "afternoon", "evening"):
            day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
            return Timex("TIME", f"{day}T{_LX['parts_of_day'][unit]}", mod)
        shift = {"next": 1, "last": -1}.get(m.group(2), 0)
        anchored = m.group(2) == "that"
        return Timex("DATE", _relative_shift(shift, _rel_code(unit), 1, ctx, anchored).value, mod)
    m = re.search(rf"({REL}) (?:fiscal )?(week|weekend|month|year|day|decade|quarter)(?: or so)?$", t)
    if not m:
        return None
    rel, unit = m.group(1), m.group(2)
    shift = _REL_SHIFT.get(rel, 0)
    if rel in ("the past", "the last", "the next", "the coming") and unit != "weekend":
        return Timex("DURATION", duration(1, unit), mod)
    if rel == "past" and unit in ("week", "month", "year", "decade"):
        return Timex("DURATION", duration(1, unit), mod)
    if unit == "weekend":
        if ctx.dct is None:
            return Timex("DATE", "XXXX-WXX-WE", mod)
        day = ctx.dct
        if shift < 0 or (shift == 0 and ctx.direction < 0 and day.isoweekday() < 6):
            day -= timedelta(days=7)
        elif shift > 0:
            day += timedelta(days=7)
        return Timex("DATE", f"{iso_week(day)}-WE", mod)
    if unit == "quarter":
        return _h_quarter(text, ctx)
    if unit == "decade":
        if ctx.dct is None:
            return Timex("DATE", "XXX", mod)
        return Timex("DATE", str(ctx.dct.year + 10 * shift)[:3], mod)
    if rel in ("that", "the same", "the following", "the previous", "the prior") or (rel == "the" and unit != "day"):
        return Timex("DATE", _relative_shift(shift, _rel_code(unit), 1, ctx, anchored=True).value, mod)
    if rel == "the":
        return Timex("DATE", ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX", mod)
    return Timex("DATE", _relative_shift(shift, _rel_code(unit), 1, ctx, anchored=False).value, mod)


def _rel_code(unit: str) -> str:
    return {"week": "W", "month": "M", "year": "Y", "day": "D", "quarter": "Q"}.get(unit, "D")


def _h_duration(text: str, ctx: Context) -> Optional[Timex]:
    t = re.sub(r"\s+", " ", text.lower())
    mod = _q_mod(t)
    if t in ("a while", "some time"):
        return Timex("DURATION", "PXX", mod)
    if t == "decades-long":
        return Timex("DURATION", "PXY")
    if t == "the weeks ahead":
        return Timex("DURATION", "PXW")
    unit_m = list(re.finditer(UNIT + r"(?!-)", t))
    if not unit_m:
        return None
    unit = unit_m[0].group()
    head = t[:unit_m[0].start()]
    head = re.sub(rf"^(?:{QMOD}) ", "", head)
    head = re.sub(r"^(each of )?(the )?((past|last|next|first|final|previous|coming|latest|following|initial|remaining|same|full|year-earlier|additional) )?", "", head)
    head = re.sub(r"[-\s]*((more|additional|full|straight|consecutive|trading|business|calendar|long)[-\s]+)?$", "", head)
    head = re.sub(r"\s+to\s+.*$", "", head)
    vague = re.fullmatch(VAGUE, head.strip()) is not None or not head.strip()
    amount = None if vague else number(head)
    if amount is not None and t.endswith("and a half"):
        amount += 0.5
    if not vague and amount is None:
        return None
    if ctx.per_quantity and amount == 1 and re.fullmatch(r"an? \w+", t):
        return Timex("SET", duration(1, unit))
    if " to " in t and mod is None:
        mod = "EQUAL_OR_MORE"
    return Timex("DURATION", duration(amount, unit), mod)


def _h_set(text: str, ctx: Context) -> Optional[Timex]:
    t = re.sub(r"\s+", " ", text.lower())
    if t in _LX["sets"]:
        return Timex("SET", _LX["sets"][t])
    times = re.match(r"(twice|once|three times) a (day|week|month|year)", t)
    if times:
        return Timex("SET", duration(1, times.group(2)))
    wd = re.search(WEEKDAY, text)
    if wd:
        part = re.search(PART, t)
        weekday = _LX["weekdays"][wd.group().lower().rstrip(".")]
        return Timex("SET", f"XXXX-WXX-{weekday}" + (f"T{_LX['parts_of_day'][part.group()]}" if part else ""))
    month = re.search(MONTH, text)
    if month:
        return Timex("SET", f"XXXX-{_months()[month.group().lower().rstrip('.')]:02d}")
    season = re.search(SEASON, t)
    if season:
        return Timex("SET", f"XXXX-{_LX['seasons'][season.group()]}")
    unit = re.search(UNIT_ADJ, t)
    if not unit:
        return None
    amount = 2 if "other" in t else 1
    return Timex("SET", duration(amount, unit.group()))


def holiday_date(rule: str, year: int) -> date:
    """The date of a holiday in `year` from its lexicon rule (see `_holidays_note`)."""
    if rule == "EASTER":  # anonymous Gregorian computus
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 19 * l_) // 433
        month = (h + l_ - 7 * m + 90) // 25
        return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)
    if rule == "ELECTION":
        first_monday = holiday_date("11/1/1", year)
        return first_monday + timedelta(days=1)
    if "/" in rule:
        month, nth, weekday = rule.split("/")
        first = date(year, int(month), 1)
        if nth == "L":
            last = date(year, int(month), calendar.monthrange(year, int(month))[1])
            return last - timedelta(days=(last.isoweekday() - int(weekday)) % 7)
        offset = (int(weekday) - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (int(nth) - 1))
    month, day = rule.split("-")
    return date(year, int(month), int(day))


def _h_holiday(text: str, ctx: Context) -> Optional[Timex]:
    t = re.sub(r"\s+", " ", text.lower())
    shift = re.match(r"(last|this past|next|this coming|this) ", t)
    name = t[shift.end():] if shift else t
    rule = _LX["holidays"].get(name)
    if rule is None:
        return None
    if ctx.dct is None:
        fixed = re.fullmatch(r"\d\d-\d\d", rule)  # Christmas is XXXX-12-25; Easter has no fixed day
        return Timex("DATE", f"XXXX-{rule}" if fixed else None)
    candidates = [holiday_date(rule, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if shift and shift.group(1) in ("last", "this past"):
        chosen = max(d for d in candidates if d < ctx.dct)
    elif shift and shift.group(1) in ("next", "this coming"):
        chosen = min(d for d in candidates if d > ctx.dct)
    elif ctx.direction < 0:
        chosen = max(d for d in candidates if d <= ctx.dct)
    elif ctx.direction > 0:
        chosen = min(d for d in candidates if d >= ctx.dct)
    else:
        chosen = min(candidates, key=lambda d: abs((d - ctx.dct).days))
    return Timex("DATE", chosen.isoformat())


def _h_ref(value: str) -> Handler:
    return lambda text, ctx: Timex("DATE", value)


HANDLERS: dict[Rule, Handler] = {
    Rule.TIME: _h_time,
    Rule.DATE: _h_date,
    Rule.MONTH: _h_month,
    Rule.NUMERIC: _h_numeric,
    Rule.HOLIDAY: _h_holiday,
    Rule.YEAR: _h_year,
    Rule.POST_YEAR: _h_post_year,
    Rule.DECADE: _h_decade,
    Rule.CENTURY: _h_century,
    Rule.QUARTER: _h_quarter,
    Rule.PERIOD: _h_period,
    Rule.QUARTER_CODE: _h_quarter_code,
    Rule.YEAR_ENDED: lambda text, ctx: Timex("DURATION", "P1Y" if "year" in text.lower() else "P1Q"),
    Rule.YEAR_ADJ: _h_year_adj,
    Rule.SEASON: _h_season,
    Rule.WEEKDAY: _h_weekday,
    Rule.DEICTIC: _h_deictic,
    Rule.AGO: _h_ago,
    Rule.REL: _h_rel,
    Rule.DURATION: _h_duration,
    Rule.SET: _h_set,
    Rule.PRESENT: _h_ref("PRESENT_REF"),
    Rule.PAST: _h_ref("PAST_REF"),
    Rule.FUTURE: _h_ref("FUTURE_REF"),
}


def resolve(text: str, rule: Rule, ctx: Context = Context(), signal: Optional[str] = None) -> Optional[Timex]:
    """Normalize a span the grammar found with `rule`; `signal` is the word before it ("by")."""
    timex = HANDLERS[rule](text, ctx)
    if timex is None:
        return None
    if timex.mod is None and re.match(r"(?:around|about|approximately|roughly)\s", text, re.I):
        timex = Timex(timex.type, timex.value, "APPROX")
    if signal and timex.type in ("DATE", "TIME") and timex.mod is None:
        signal_mod = _LX["signals"].get(signal.lower())
        if signal_mod:
            timex = Timex(timex.type, timex.value, signal_mod)
    return _with_bounds(timex)


def normalize(phrase: str, ctx: Context = Context(), signal: Optional[str] = None) -> Optional[Timex]:
    """Normalize one temporal phrase ("September 2026", "last week"); None if it is not one.

    The phrase must be a single expression of the grammar, from its first to its last character.
    """
    phrase = phrase.strip()
    matches = find(phrase)
    if len(matches) != 1 or matches[0].start != 0 or matches[0].end != len(phrase):
        return None
    return resolve(phrase, matches[0].rule, ctx, signal)


def iter_signals() -> Iterator[str]:
    """Signal words, longest first (the component looks for them just before a span)."""
    yield from sorted(_LX["signals"], key=len, reverse=True)
