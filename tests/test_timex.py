"""The pure TIMEX3 grammar and normalizer (pipeline/timex.py): no spaCy needed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import timex
from pipeline.timex import Context, normalize

DCT = date(1998, 2, 13)  # a Friday
PAST = Context(dct=DCT, direction=-1)
FUTURE = Context(dct=DCT, direction=1)
NOW = Context(dct=DCT)


def value(phrase: str, ctx: Context = NOW, signal: str | None = None) -> tuple:
    result = normalize(phrase, ctx, signal)
    assert result is not None, phrase
    return result.type, result.value, result.mod


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("2014", ("DATE", "2014", None)),
        ("September 2026", ("DATE", "2026-09", None)),
        ("May 22, 1995", ("DATE", "1995-05-22", None)),
        ("Friday, Oct. 23, 1998", ("DATE", "1998-10-23", None)),
        ("nineteen ninety-six", ("DATE", "1996", None)),
        ("the 1990s", ("DATE", "199", None)),
        ("the late 1970s", ("DATE", "197", "END")),
        ("the 20th century", ("DATE", "19", None)),
        ("early 2024", ("DATE", "2024", "START")),
        ("mid-2025", ("DATE", "2025", "MID")),
        ("late 2023", ("DATE", "2023", "END")),
        ("fiscal 1989", ("DATE", "1989", None)),
        ("the third quarter", ("DATE", "1998-Q3", None)),
        ("third-quarter", ("DATE", "1998-Q3", None)),
        ("the first half of 1989", ("DATE", "1989-H1", None)),
        ("last week", ("DATE", "1998-W06", None)),
        ("this week", ("DATE", "1998-W07", None)),
        ("this summer", ("DATE", "1998-SU", None)),
        ("last year", ("DATE", "1997", None)),
        ("next month", ("DATE", "1998-03", None)),
        ("earlier this month", ("DATE", "1998-02", "START")),
        ("yesterday", ("DATE", "1998-02-12", None)),
        ("tomorrow", ("DATE", "1998-02-14", None)),
        ("this morning", ("TIME", "1998-02-13TMO", None)),
        ("10 p.m. Wednesday", ("TIME", "1998-02-11T22:00", None)),
        ("two weeks ago", ("DATE", "1998-W05", None)),
        ("five months ago", ("DATE", "1997-09", None)),
        ("10 days ago", ("DATE", "1998-02-03", None)),
        ("Thanksgiving", ("DATE", "1997-11-27", None)),
    ],
)
def test_dates_keep_the_stated_granularity(phrase: str, expected: tuple) -> None:
    assert value(phrase) == expected


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("a decade", ("DURATION", "P10Y", None)),
        ("three months", ("DURATION", "P3M", None)),
        ("the past three years", ("DURATION", "P3Y", None)),
        ("twenty four hours", ("DURATION", "PT24H", None)),
        ("2 1/2 years", ("DURATION", "P2Y6M", None)),
        ("a minute and a half", ("DURATION", "PT1M30S", None)),
        ("16-hour", ("DURATION", "PT16H", None)),
        ("about two weeks", ("DURATION", "P2W", "APPROX")),
        ("more than four hours", ("DURATION", "PT4H", "MORE_THAN")),
        ("at least 30 days", ("DURATION", "P30D", "EQUAL_OR_MORE")),
        ("the past two quarters", ("DURATION", "P2Q", None)),
        ("recent years", ("DURATION", "PXY", None)),
        ("several months", ("DURATION", "PXM", None)),
        ("daily", ("SET", "P1D", None)),
        ("each year", ("SET", "P1Y", None)),
        ("every Thursday", ("SET", "XXXX-WXX-4", None)),
        ("now", ("DATE", "PRESENT_REF", None)),
        ("currently", ("DATE", "PRESENT_REF", None)),
        ("recently", ("DATE", "PAST_REF", None)),
        ("the future", ("DATE", "FUTURE_REF", None)),
    ],
)
def test_durations_sets_and_vague_references(phrase: str, expected: tuple) -> None:
    assert value(phrase) == expected


def test_tense_decides_the_direction_of_bare_names() -> None:
    assert value("August", PAST)[1] == "1997-08"
    assert value("August", FUTURE)[1] == "1998-08"
    assert value("Monday", PAST)[1] == "1998-02-09"
    assert value("Monday", FUTURE)[1] == "1998-02-16"
    assert value("Friday", PAST)[1] == "1998-02-13"  # the DCT's own weekday
    assert value("Aug. 7", PAST)[1] == "1997-08-07"
    assert value("Feb. 20", NOW)[1] == "1998-02-20"  # nearest when the tense says nothing


def test_deadline_signal_takes_the_nearest_date_whatever_the_tense() -> None:
    ctx = Context(dct=date(1989, 10, 30), direction=-1, nearest=True)
    assert value("Nov. 16", ctx)[1] == "1989-11-16"
    assert value("January", ctx)[1] == "1990-01"


def test_signal_words_give_the_mod_and_open_the_bounds() -> None:
    by = normalize("September 2026", Context(), "by")
    assert (by.value, by.mod, by.earliest, by.latest) == ("2026-09", "ON_OR_BEFORE", None, "2026-09-30")
    after = normalize("2026", Context(), "after")
    assert (after.mod, after.earliest, after.latest) == ("AFTER", "2027-01-01", None)
    plain = normalize("September 2026", Context())
    assert (plain.earliest, plain.latest) == ("2026-09-01", "2026-09-30")


def test_anchor_and_reporting_period() -> None:
    anchored = Context(dct=DCT, anchor="2014")
    assert value("the following year", anchored)[1] == "2015"
    assert value("a year earlier", anchored)[1] == "2013"
    reporting = Context(dct=date(1989, 10, 26), period="1989-Q3")
    assert value("a year ago", reporting)[1] == "1988-Q3"
    assert value("the year-earlier quarter", reporting)[1] == "1988-Q3"
    assert value("last year", reporting)[1] == "1988"


def test_without_a_dct_relative_values_stay_underspecified() -> None:
    none = Context()
    assert value("August", none)[1] == "XXXX-08"
    assert value("Friday", none)[1] == "XXXX-WXX-5"
    assert value("Aug. 7", none)[1] == "XXXX-08-07"
    assert value("2026", none)[1] == "2026"
    assert value("yesterday", none)[1] == "XXXX-XX-XX"


@pytest.mark.parametrize(
    "text",
    ["a 6-year-old boy", "he is 52 years old", "worth $65 million", "up 15%", "2,500 troops",
     "we may go", "the 747 jet", "between 5 and 10", "killed Fayez Jan"],
)
def test_look_alikes_are_not_times(text: str) -> None:
    found = [m for m in timex.find(text) if timex.resolve(text[m.start:m.end], m.rule, NOW) is not None]
    assert [text[m.start:m.end] for m in found] == []


def test_span_conventions() -> None:
    text = "In the third-quarter results, by September 2026 and in the past three years, today's news"
    found = [text[m.start:m.end] for m in timex.find(text)]
    assert found == ["third-quarter", "September 2026", "the past three years", "today"]


def test_bounds_of_values() -> None:
    assert timex.bounds_of("1998-Q3") == ("1998-07-01", "1998-09-30")
    assert timex.bounds_of("1998-W08") == ("1998-02-16", "1998-02-22")
    assert timex.bounds_of("199") == ("1990-01-01", "1999-12-31")
    assert timex.bounds_of("1998-WI") == ("1998-12-01", "1999-02-28")
    assert timex.bounds_of("PRESENT_REF") is None


def test_holidays() -> None:
    assert timex.holiday_date("EASTER", 2000) == date(2000, 4, 23)
    assert timex.holiday_date("11/4/4", 1999) == date(1999, 11, 25)
    assert timex.holiday_date("ELECTION", 1998) == date(1998, 11, 3)
    assert timex.holiday_date("05/L/1", 1998) == date(1998, 5, 25)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 aAyMFJ-.,'$%") + ["May ", "year", "ago", "Friday", "the ",
                                                                     "last ", "week", "s", "Aug. ", "early "]),
                max_size=30).map("".join))
def test_find_returns_sorted_disjoint_spans_that_normalize(text: str) -> None:
    matches = timex.find(text)
    for before, after in zip(matches, matches[1:]):
        assert before.end <= after.start
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        timex.resolve(text[m.start:m.end], m.rule, Context(dct=DCT))  # must not raise


def test_iso_dates_and_year_ranges() -> None:
    text = "Signed on 2023-08-15, the plan covers 2014-2019 and 10/23/1998."
    found = [(text[m.start:m.end], timex.resolve(text[m.start:m.end], m.rule).value) for m in timex.find(text)]
    assert found == [("2023-08-15", "2023-08-15"), ("2014", "2014"), ("2019", "2019"), ("10/23/1998", "1998-10-23")]


def test_approximate_dates() -> None:
    assert value("around Nov. 1", Context(dct=date(1989, 10, 30))) == ("DATE", "1989-11-01", "APPROX")


@pytest.mark.parametrize("phrase", ["February 31, 2023", "Feb. 30", "2023-02-31", "31/02/2023", "Feb. 29, 2023"])
def test_impossible_days_are_not_times(phrase: str) -> None:
    assert normalize(phrase, NOW) is None


def test_quarter_and_half_codes() -> None:
    ctx = Context(dct=date(2024, 5, 1))
    assert value("Q3 2024", ctx)[1] == "2024-Q3"
    assert value("Q4", ctx)[1] == "2024-Q4"
    assert value("H1 '25", ctx)[1] == "2025-H1"
    assert [m for m in timex.find("the H1N1 virus and an H1-B visa") if timex.resolve("H1", m.rule, ctx)] == []
