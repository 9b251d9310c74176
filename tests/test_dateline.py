from pipeline.dateline import find_dateline


def test_parenthesized_dateline_with_year():
    text = "2013-01-S-022\n\nKABUL, Afghanistan (Jan. 22, 2013)\nToday, Afghan forces ..."
    found = find_dateline(text)
    assert found.value == "2013-01-22"
    assert text[found.start : found.end] == found.text == "(Jan. 22, 2013)"


def test_year_taken_from_release_number():
    text = "ISAF Joint Command - Afghanistan 2010-09-CA-005 For Immediate Release\nKABUL, Afghanistan (Sept. 1) - A force ..."
    assert find_dateline(text).value == "2010-09-01"


def test_january_dateline_in_a_december_release_is_next_year():
    text = "2010-12-CA-101\nKABUL, Afghanistan (Jan. 2) - ..."
    assert find_dateline(text).value == "2011-01-02"


def test_wire_dateline():
    assert find_dateline("WASHINGTON, March 3 (Reuters) - The Pentagon said", fallback_year=2024).value == "2024-03-03"


def test_title_line_dateline_and_trailing_date():
    assert find_dateline("Feb. 20: Afghan-ISAF Forces Search Compounds\n2010-02-CA-098\n").value == "2010-02-20"
    assert find_dateline("ISAF Joint Command Evening Operational Update June 13, 2011\n...").value == "2011-06-13"


def test_no_year_anywhere_gives_no_dateline():
    assert find_dateline("KABUL, Afghanistan (Feb. 05)\nIn Karjan district ...") is None


def test_dates_in_the_body_are_not_datelines():
    assert find_dateline("The operation, launched in 2014, ended.\n" + "x" * 700 + "(Jan. 22, 2013)") is None
    assert find_dateline("Insurgents attacked on (Feb. 30, 2013).") is None  # no such day


def test_abbreviations_with_periods_typos_and_placeholder_release_numbers():
    assert find_dateline("2012-06-S-022\n\nKABUL, Afghanistan (Jun. 12)\nAlso in").value == "2012-06-12"
    assert find_dateline("KABUL, Afghanistan (Nov. 1. 2011)\nA combined force").value == "2011-11-01"
    assert find_dateline("ISAF Joint Command - Afghanistan\u20282010-08-CA-XXX \u2028KABUL, Afghanistan (Aug. 18) - An").value == "2010-08-18"


# ---------------------------------------------------------------- release number, no dateline

RELEASE_ONLY = (
    "Afghan and International Forces Detain Insurgents and Recover a Weapons Cache in Kabul\n"
    "\u2028ISAF Joint Command - Afghanistan\u20282010-07-CA-129\u2028For Immediate Release\u2028\u2028"
    "KABUL, Afghanistan - Afghan and international forces conducted an operation in Kabul City July 16."
)


def test_release_number_without_dateline_dates_the_document_to_the_month():
    from pipeline.dateline import find_document_time, find_release_month

    assert find_dateline(RELEASE_ONLY) is None  # no day: find_dateline stays full-date only
    month = find_release_month(RELEASE_ONLY)
    assert (month.value, month.text) == ("2010-07", "2010-07-CA-129")
    assert RELEASE_ONLY[month.start : month.end] == month.text
    assert find_document_time(RELEASE_ONLY).value == "2010-07"
    assert find_document_time("2011-07-S-068\nFor Immediate Release\n\nA patrol detained ...").value == "2011-07"


def test_document_time_prefers_the_dateline_and_needs_a_header():
    from pipeline.dateline import find_document_time

    assert find_document_time("2010-09-CA-005\nKABUL, Afghanistan (Sept. 1) - A force").value == "2010-09-01"
    assert find_document_time("A force detained two men.\n" + "x" * 700 + "2010-07-CA-129") is None
    assert find_document_time("A force detained two men yesterday.") is None


def _raw(text: str, published=None):
    from pipeline.ingest import RawArticle

    return RawArticle(id="a", text=text, published=published)


def test_resolve_dct_records_the_release_month():
    from datetime import date

    from pipeline.records import resolve_dct

    dct, warnings = resolve_dct(_raw(RELEASE_ONLY))
    assert (dct.value, dct.source, warnings) == ("2010-07", "release_number", [])
    # metadata still wins; a --published fallback inside the month refines it, outside it loses
    assert resolve_dct(_raw(RELEASE_ONLY, "2010-07-17"))[0].source == "metadata"
    assert resolve_dct(_raw(RELEASE_ONLY), date(2010, 7, 17))[0].model_dump() == {"value": "2010-07-17", "source": "cli"}
    assert resolve_dct(_raw(RELEASE_ONLY), date(2024, 3, 1))[0].model_dump() == {"value": "2010-07", "source": "release_number"}


def test_dct_value_is_a_day_or_a_month():
    import pytest
    from pydantic import ValidationError

    from pipeline.models import Dct

    assert Dct(value="2010-07", source="release_number").value == "2010-07"
    assert Dct(value="2010-07-16", source="dateline").value == "2010-07-16"
    for bad in ("2010-7", "2010-13", "July 2010", "2010-07-16T10:00"):
        with pytest.raises(ValidationError):
            Dct(value=bad, source="dateline")


def test_isaf_coding_with_a_month_only_dct():
    """A month DCT bounds event days by month and is never itself the start date."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import isaf

    from pipeline.models import Casualties, Event, Role, TimeExpr, Trigger

    def event(day: str) -> Event:
        return Event(
            id="a-e001", article_id="a", type="detention", sentence="x",
            trigger=Trigger(text="x", start=0, end=1, lemma="x"),
            time=TimeExpr(text="x", start=0, end=1, type="DATE", value=day),
            locations=[Role(text="x", start=0, end=1, canonical="Kabul Province")],
            casualties=Casualties(captured=2),
        )

    assert isaf.code_article([event("2010-07-16")], "2010-07").start_date == "2010-07-16"
    assert isaf.code_article([event("2010-08-02")], "2010-07").start_date is None  # after the release month
    assert isaf.code_article([event("XXXX-XX-XX")], "2010-07").start_date is None  # "yesterday"
    assert isaf.code_article([event("XXXX-XX-XX")], "2010-07-20").start_date == "2010-07-20"


def test_release_starts_in_a_digest():
    from pipeline.dateline import release_starts

    single = "ISAF Joint Command - Afghanistan 2012-12-S-001\nKABUL, Afghanistan (Dec 01, 2012)\nYesterday, forces arrested two insurgents."
    assert release_starts(single) == []
    numbered = single + "\n\n2012-12-S-004\n\nKABUL, Afghanistan (Dec. 3, 2012)\nForces confirmed today that a leader was arrested."
    assert numbered[release_starts(numbered)[0]:].startswith("2012-12-S-004")
    separated = single + "\n\n---\n\nUPDATE: ISAF Confirms Capture\nKABUL, Afghanistan (Dec. 3, 2012) ..."
    assert separated[release_starts(separated)[0]:].strip().startswith("UPDATE")
    # two numbers in one header, one dateline: one release
    header = "Release 2011-04-S-009 (also 2011-04-S-010)\nKABUL, Afghanistan (April 4, 2011) Forces detained two insurgents."
    assert release_starts(header) == []
