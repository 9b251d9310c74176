"""The newsfacts_times component: spans from the grammar, direction from the parse, filters."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from spacy.tokens import Doc

SEED = Path("seed") / "000_e1704b20f57f0b7c.txt"  # under ../shared


def run(nlp, text: str, dct: Optional[str] = None) -> Doc:
    """The pipeline with a DCT set before the components run (as the runner does)."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def times(nlp, text: str, dct: Optional[str] = None) -> list[tuple]:
    return [(t.text, t.type, t.value, t.mod) for t in run(nlp, text, dct)._.times]


def test_offsets_ground_every_time_and_are_sorted(nlp) -> None:
    text = "On Friday, Aug. 7, officials said the talks would resume next week, three years after 1995."
    doc = run(nlp, text, "1998-08-10")
    assert [t.start for t in doc._.times] == sorted(t.start for t in doc._.times)
    for t in doc._.times:
        assert text[t.start:t.end] == t.text
    assert [t.text for t in doc._.times] == ["Friday, Aug. 7", "next week", "three years", "1995"]


def test_tense_of_the_governing_verb_sets_the_direction(nlp) -> None:
    dct = "1990-08-15"  # a Wednesday
    assert times(nlp, "The king met Bush on Friday.", dct) == [("Friday", "DATE", "1990-08-10", None)]
    assert times(nlp, "The king will meet Bush on Friday.", dct) == [("Friday", "DATE", "1990-08-17", None)]
    assert times(nlp, "Shipments stopped in November.", dct)[0][2] == "1989-11"
    assert times(nlp, "Shipments will stop in November.", dct)[0][2] == "1990-11"
    assert times(nlp, "Shipments will stop in June.", dct)[0][2] == "1991-06"


def test_look_alikes_are_dropped(nlp) -> None:
    assert times(nlp, "War Wings Daily is an independent magazine.") == []
    assert times(nlp, "May I ask why prices fall when the firm hires 2000 employees?") == []
    assert times(nlp, "A 6-year-old boy paid $65 million, up 15%.") == []
    assert [t[0] for t in times(nlp, "They may return in May.", "1998-02-13")] == ["May"]


def test_frequency_adverb_is_a_set(nlp) -> None:
    assert times(nlp, "Patrols run daily and cost $5 million a year.") == [
        ("daily", "SET", "P1D", None), ("a year", "SET", "P1Y", None)]


def test_following_year_counts_from_the_previous_date(nlp) -> None:
    found = times(nlp, "The task force was launched in 2014. The following year it expanded.")
    assert found == [("2014", "DATE", "2014", None), ("The following year", "DATE", "2015", None)]


def test_seed_article_times(nlp, shared_dir: Path) -> None:
    found = times(nlp, (shared_dir / SEED).read_text(encoding="utf-8"))  # no dateline: DCT is None
    assert found == [
        ("2026", "DATE", "2026", None),
        ("September 2026", "DATE", "2026-09", "ON_OR_BEFORE"),
        ("a decade", "DURATION", "P10Y", None),
        ("2014", "DATE", "2014", None),
        ("2017", "DATE", "2017", None),
        ("2019", "DATE", "2019", None),
        ("September 2026", "DATE", "2026-09", "ON_OR_BEFORE"),
        ("2026", "DATE", "2026", "AFTER"),
        ("Currently", "DATE", "PRESENT_REF", None),
        ("August 2023", "DATE", "2023-08", None),
        ("2026", "DATE", "2026", None),
        ("January 2023", "DATE", "2023-01", None),
        ("2026", "DATE", "2026", "ON_OR_BEFORE"),
        ("2023", "DATE", "2023", None),
    ]


def test_seed_bounds(nlp, shared_dir: Path) -> None:
    doc = run(nlp, (shared_dir / SEED).read_text(encoding="utf-8"))
    august = next(t for t in doc._.times if t.text == "August 2023")
    assert (august.earliest, august.latest) == ("2023-08-01", "2023-08-31")


# ---------------------------------------------------------------- month-only DCT (release number)


def test_month_only_dct_anchors_month_day_dates(nlp) -> None:
    found = times(nlp, "Afghan and international forces conducted an operation in Kabul City July 16.", "2010-07")
    assert found == [("July 16", "DATE", "2010-07-16", None)]
    # the nearest such month: a January date in a December release is next January, and back
    assert times(nlp, "Forces detained a facilitator Jan. 3.", "2010-12")[0][2] == "2011-01-03"
    assert times(nlp, "Forces detained a facilitator Dec. 30.", "2011-01")[0][2] == "2010-12-30"
    # a past clause more than a month ahead of the release month is last year's
    assert times(nlp, "Forces detained a facilitator Oct. 3.", "2011-07")[0][2] == "2010-10-03"


def test_month_only_dct_anchors_month_names(nlp) -> None:
    assert times(nlp, "Shipments stopped in June.", "2010-07")[0][2] == "2010-06"
    assert times(nlp, "Shipments stopped last December.", "2010-07")[0][2] == "2009-12"


def test_month_only_dct_leaves_day_relative_expressions_unresolved(nlp) -> None:
    found = times(nlp, "Forces detained two men yesterday, and on Sunday they raided a compound seized July 16.", "2010-07")
    values = {text: value for text, _, value, _ in found}
    assert values["July 16"] == "2010-07-16"
    assert values["yesterday"] == "XXXX-XX-XX"
    assert values["Sunday"].startswith("XXXX")
    assert not any(v.startswith("2010-07-") and t != "July 16" for t, v in values.items())


def test_each_release_of_a_digest_counts_from_its_own_dateline(nlp):
    text = (
        "KABUL, Afghanistan (Dec. 1, 2012)\nYesterday, forces arrested two insurgents.\n\n"
        "---\n\nKABUL, Afghanistan (Dec. 5)\nForces confirmed today that a leader was arrested yesterday."
    )
    doc = nlp.make_doc(text)
    doc._.dct = "2012-12-01"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    values = [(t.text, t.value) for t in doc._.times if t.text.lower() in ("yesterday", "today")]
    assert values == [("Yesterday", "2012-11-30"), ("today", "2012-12-05"), ("yesterday", "2012-12-04")]
