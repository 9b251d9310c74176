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
