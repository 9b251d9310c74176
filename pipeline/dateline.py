"""Document creation time from a news dateline at the top of the text.

Wire copy and press releases state their date in a dateline, not in metadata:
"KABUL, Afghanistan (Jan. 25, 2013) - ...", "WASHINGTON, March 3 (Reuters) -", or a title line
"Feb. 20: Afghan-ISAF Forces Search ...". Relative expressions ("yesterday", "Sunday") resolve
against it, so it must be read exactly: we only accept a date in one of these positions within
the first lines, never a date from the body. A dateline without a year takes it from a release
number in the header ("2010-09-CA-005") or from the caller's fallback year.

A release with a release number but no dateline at all is still dated, to the month: the release
number names the month it was issued in. `find_document_time` returns that month ("2010-07") when
there is no dateline, so that "July 16" in the body can take its year; it never invents a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .timex import lexicon

#: How far into the text a dateline may start (headers of press releases run long).
HEADER_CHARS = 600

#: Month names and abbreviations, shared with the time normalizer (pipeline/data/timex_lexicon.json).
_MONTHS: dict[str, int] = lexicon()["months"]
_MONTH = r"(?P<month>(?:" + "|".join(re.escape(name.title()) for name in sorted(_MONTHS, key=len, reverse=True)) + r")\.?)"
_DAY_YEAR = r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:[,.]?\s+(?P<year>(?:19|20)\d{2}))?"
_PATTERNS = (
    # "KABUL, Afghanistan (Jan. 25, 2013)" and "(Sept. 1)"
    re.compile(r"\(\s*" + _MONTH + _DAY_YEAR + r"\s*\)"),
    # "WASHINGTON, March 3 (Reuters) -"
    re.compile(r"^[A-Z][A-Z .'-]+,\s+" + _MONTH + _DAY_YEAR + r"\s*(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]", re.M),
    # a header line that starts with the date: "Feb. 20: ...", "March 3, 2013 -"
    re.compile(r"^\s*" + _MONTH + _DAY_YEAR + r"\s*[:\-\u2013\u2014]", re.M),
    # a header line that ends with the date: "Evening Operational Update June 13, 2011"
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d{2})\s*$", re.M),
)
_RELEASE_NUMBER = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>0[1-9]|1[0-2])-[A-Z]{1,3}-(?:\d+|X+)\b")


@dataclass(frozen=True)
class Dateline:
    """A dateline found in the text: its ISO date and where it stands."""

    value: str
    start: int
    end: int
    text: str


def find_dateline(text: str, fallback_year: Optional[int] = None) -> Optional[Dateline]:
    """Return the dateline's date, or None when the header states no full date.

    `fallback_year` completes a dateline that gives month and day only, when the header has
    no release number to take the year from.
    """
    header = text[:HEADER_CHARS]
    for pattern in _PATTERNS:
        match = pattern.search(header)
        if match is None:
            continue
        value = _to_iso(match, header, fallback_year)
        if value is not None:
            return Dateline(value=value, start=match.start(), end=match.end(), text=match.group(0))
    return None


def find_release_month(text: str) -> Optional[Dateline]:
    """The month ("YYYY-MM") of a release number in the header ("2010-07-CA-129"), or None.

    Only the month: a release number does not say which day of it the release went out.
    """
    release = _RELEASE_NUMBER.search(text[:HEADER_CHARS])
    if release is None:
        return None
    value = f"{release.group('year')}-{release.group('month')}"
    return Dateline(value=value, start=release.start(), end=release.end(), text=release.group(0))


def find_document_time(text: str, fallback_year: Optional[int] = None) -> Optional[Dateline]:
    """The document's time as far as the header states it: the dateline's day ("2010-07-16"),
    else the release number's month ("2010-07"), else None.

    The month-only value is a TIMEX3 DCT of month granularity: year-less dates in the body can
    be anchored on it, but expressions that count days from the DCT ("yesterday", "Sunday")
    cannot, and stay unresolved. `find_dateline` alone still gives only full dates (and the
    dateline's span, which the events component skips as header).
    """
    return find_dateline(text, fallback_year=fallback_year) or find_release_month(text)


#: A line of dashes: how release digests separate the releases they string together.
_SEPARATOR = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.M)
#: How far after a release number its dateline may follow.
_NUMBER_TO_DATELINE = 300


def release_starts(text: str) -> list[int]:
    """Where each press release after the first begins, in a text that strings several together
    (a digest, or a release followed by its "UPDATE"): a separator line of dashes, else a
    later release number with its own dateline after it. [] for a single release.

    Each release reports its own operation, dated by its own dateline.
    """
    starts = [m.end() for m in _SEPARATOR.finditer(text) if text[m.end() :].strip()]
    if starts:
        return starts
    datelines = [m.start() for m in _PATTERNS[0].finditer(text)]
    numbers = [m.start() for m in _RELEASE_NUMBER.finditer(text)]
    starts = []
    for number in numbers:
        follows = any(0 <= d - number <= _NUMBER_TO_DATELINE for d in datelines)
        if follows and number > (datelines[0] if datelines else len(text)):
            starts.append(text.rfind("\n", 0, number) + 1)
    return starts


def _to_iso(match: re.Match[str], header: str, fallback_year: Optional[int]) -> Optional[str]:
    month = _MONTHS[match.group("month").rstrip(".").lower()]
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else _header_year(header, month, fallback_year)
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _header_year(header: str, month: int, fallback_year: Optional[int]) -> Optional[int]:
    """The year of a release number ("2010-09-CA-005"); a January date in a release numbered
    December belongs to the next year."""
    release = _RELEASE_NUMBER.search(header)
    if release is None:
        return fallback_year
    year, release_month = int(release.group("year")), int(release.group("month"))
    if month == 1 and release_month == 12:
        return year + 1
    if month == 12 and release_month == 1:
        return year - 1
    return year
