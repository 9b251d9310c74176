"""Unit tests for the pure quantity normalizer (no spaCy)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import numbers


def one(text: str) -> numbers.Quantity:
    found = numbers.find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, span, value, lower, upper, approx",
    [
        ("some 2,500 troops", "some 2,500", 2500, None, None, True),
        ("more than 30 countries", "more than 30", 30, 30, None, False),
        ("at least 12 people", "at least 12", 12, 12, None, False),
        ("up to 300 soldiers", "up to 300", 300, None, 300, False),
        ("less than 5 percent", "less than 5 percent", 5, None, 5, False),
        ("between 5 and 10 thousand people", "between 5 and 10 thousand", 5000, 5000, 10000, False),
        ("5-10 gunmen", "5-10", 5, 5, 10, False),
        ("5 to 10 thousand", "5 to 10 thousand", 5000, 5000, 10000, False),
        ("two or three men", "two or three", 2, 2, 3, False),
        ("50 or more homes", "50 or more", 50, 50, None, False),
        ("5,000 or so people", "5,000 or so", 5000, None, None, True),
        ("an estimated 20,000 people", "an estimated 20,000", 20000, None, None, True),
        ("30-plus countries", "30-plus", 30, 30, None, False),
    ],
)
def test_bounds(text: str, span: str, value: float, lower, upper, approx: bool) -> None:
    q = one(text)
    assert (q.text, q.value, q.lower, q.upper, q.approximate) == (span, value, lower, upper, approx)


@pytest.mark.parametrize(
    "text, value",
    [
        ("4 billion", 4e9), ("1.2bn", 1.2e9), ("5k", 5000), ("twenty-five", 25), ("a dozen", 12),
        ("two hundred and fifty", 250), ("Two dozen", 24), ("a hundred", 100), ("three thousand", 3000),
        ("half a million", 5e5), ("12\u202f000", 12000), ("45\u00a0000", 45000), ("940 000", 940000),
        ("1,234,567", 1234567), ("3.6 million", 3.6e6),
    ],
)
def test_values(text: str, value: float) -> None:
    assert one(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("$80m", 8e7, "USD"), ("£2bn", 2e9, "GBP"), ("€500m", 5e8, "EUR"), ("US$1.2 billion", 1.2e9, "USD"),
        ("500 million Iraqi dinars", 5e8, "IQD"), ("10,000 afghanis", 1e4, "AFN"), ("2 million rials", 2e6, "IRR"),
        ("USD 250 million", 2.5e8, "USD"), ("3 billion pounds", 3e9, "GBP"), ("$5-10 million", 5e6, "USD"),
        ("millions of dollars", 2e6, "USD"),
    ],
)
def test_currency(text: str, value: float, currency: str) -> None:
    q = one(text)
    assert (q.value, q.currency, q.dimension, q.unit) == (pytest.approx(value), currency, "currency", None)


@pytest.mark.parametrize(
    "text, unit, dimension",
    [
        ("108,780 km²", "km²", "area"), ("2,000 square kilometres", "km²", "area"), ("300 sq km", "km²", "area"),
        ("900 km/h", "km/h", "speed"), ("12 kg", "kg", "mass"), ("5km", "km", "length"), ("80m", "m", "length"),
        ("500 pounds", "lb", "mass"), ("45 degrees Celsius", "°C", "temperature"), ("500 hectares", "ha", "area"),
        ("12 percent", "%", "percentage"), ("12%", "%", "percentage"), ("9.5 per cent", "%", "percentage"),
        ("1,200 barrels", "bbl", "volume"), ("30 knots", "kn", "speed"),
    ],
)
def test_units(text: str, unit: str, dimension: str) -> None:
    q = one(text)
    assert (q.unit, q.dimension, q.currency) == (unit, dimension, None)


def test_quantulum_fallback_for_units_outside_our_aliases() -> None:
    q = one("a 40 kilojoules charge")
    assert (q.dimension, q.unit, q.text) == ("energy", "kJ", "40 kilojoules")


@pytest.mark.parametrize(
    "text, value, requires",
    [
        ("several attacks", 3, None), ("a few soldiers", 3, None), ("dozens of people", 24, None),
        ("hundreds of families", 200, None), ("scores of villagers", 40, None), ("numerous weapons", 4, None),
        ("a handful of officers", 4, None), ("a couple of journalists", 2, None), ("several hundred fighters", 300, None),
        ("hundreds of thousands of people", 200000, None), ("tens of thousands of refugees", 20000, None),
        ("a large number of civilians", 5, None), ("some insurgents", 3, "casualty"), ("a group of men", 3, "casualty"),
    ],
)
def test_vague_minimums(text: str, value: float, requires) -> None:
    q = one(text)
    assert (q.value, q.lower, q.upper, q.approximate, q.vague, q.requires) == (value, value, None, False, True, requires)


@pytest.mark.parametrize(
    "text",
    ["F-35 jets", "AH-64", "2013-01-S-022", "2010-09-CA-005", "the 3rd battalion", "the 1990s", "at 10:30",
     "call +1 202 555 0147", "(202) 555-0100", "2012-13 season", "a 25-year-old man", "scores were high",
     "the first attack", "3152, 3107, 3177"],
)
def test_not_quantities(text: str) -> None:
    assert numbers.find_quantities(text) == []


def test_change_modifiers() -> None:
    assert one("down 12 percent").change and one("an additional 3,000").change and not one("up to 300").change


def test_from_to_is_two_levels() -> None:
    assert [q.text for q in numbers.find_quantities("rose from 30,000 to 40,000")] == ["30,000", "40,000"]


def test_plain_integer_flags_year_candidates() -> None:
    assert one("in 2014").plain_integer and not one("2,014").plain_integer and not one("about 2014").plain_integer


def test_parse_helpers() -> None:
    assert numbers.parse_digits("022") is None and numbers.parse_digits("1,2,3") is None
    assert numbers.parse_number_words(["twenty-five"]) == 25 and numbers.parse_number_words(["and"]) is None
    assert numbers.parse_quantity("nothing here") is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 ,.-$%kmbnabouthrdz", max_size=40))
def test_offsets_always_slice_the_text(text: str) -> None:
    for q in numbers.find_quantities(text):
        assert text[q.start : q.end] == q.text and q.start <= q.core_start < q.core_end <= q.end
