"""ISAF benchmark on a subset: the events pipeline keeps a floor on real press releases.

Runs `benchmarks/isaf.py` on the first 40 dev releases (skipped when ../shared is absent).
The floors sit below the full-set numbers (see benchmarks/results/isaf.json) so that normal
noise on a subset passes while a broken component (no dates, no counts, no places) fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import isaf  # noqa: E402

FLOORS = {
    "date_exact": 0.72,
    "date_within_1_day": 0.85,
    "killed_accuracy": 0.92,
    "captured_accuracy": 0.85,
    "province_f1": 0.95,
    "event_type_f1": 0.90,
}


def test_isaf_subset_floor(shared_dir, nlp):
    result = isaf.run(shared_dir / "benchmarks" / "isaf-dev", limit=40, nlp=nlp)
    metrics = result["metrics"]
    assert metrics["articles"] == 40
    low = {name: round(metrics[name], 3) for name, floor in FLOORS.items() if metrics[name] < floor}
    assert not low, f"below floor: {low}"


def _event(n: int, type_: str, day: str, killed=None, captured=None, sentence="x", place="Khost Province"):
    from pipeline.models import Casualties, Event, Role, TimeExpr, Trigger

    return Event(
        id=f"a-e{n:03d}",
        article_id="a",
        type=type_,
        trigger=Trigger(text="x", start=0, end=1, lemma="x"),
        sentence=sentence,
        time=TimeExpr(text="x", start=0, end=1, type="DATE", value=day),
        locations=[Role(text="x", start=0, end=1, canonical=place)],
        casualties=Casualties(killed=killed, captured=captured),
    )


def test_code_article_aggregates_distinct_events():
    maiwand = "Maiwand District, Kandahar Province"
    coded = isaf.code_article(
        [
            _event(1, "detention", "2013-01-20", captured=3, place=maiwand),
            _event(2, "military_operation", "2013-01-19", killed=2, place=maiwand),
        ],
        "2013-01-22",
    )
    assert coded.start_date == "2013-01-19"
    assert (coded.min_killed, coded.min_captured) == (2, 3)
    assert coded.province == ["kandahar"]
    assert coded.event_type == ["captureandkill"]


def test_roundup_and_background_do_not_count_when_an_incident_is_reported():
    roundup = "More than 15 insurgents were killed during separate operations over the last 24 hours."
    events = [
        _event(1, "attack", "2010-06", killed=30),  # "In June, ... killing more than 30"
        _event(2, "attack", "2010-07-30", killed=16, sentence=roundup),
        _event(3, "detention", "2010-07-30", captured=3),
    ]
    coded = isaf.code_article(events, "2010-07-31")
    assert (coded.start_date, coded.min_killed, coded.min_captured) == ("2010-07-30", 0, 3)
    alone = isaf.code_article(events[1:2], "2010-07-31")  # a roundup alone is the report
    assert alone.min_killed == 16


def test_an_operation_months_before_the_dateline_is_background():
    events = [_event(1, "attack", "2012-05-11", killed=1), _event(2, "airstrike", "2012-09-15", killed=14)]
    coded = isaf.code_article(events, "2012-09-17")
    assert (coded.start_date, coded.min_killed) == ("2012-09-15", 14)


def test_civilians_killed_by_own_forces_are_the_report_but_not_by_insurgents():
    from pipeline.models import Role

    by_isaf = _event(1, "attack", "2011-02-07", killed=2)
    by_isaf.agents = [Role(text="ISAF", start=0, end=4, canonical="International Security Assistance Force")]
    by_isaf.targets = [Role(text="two civilians", start=5, end=18, canonical="civilians")]
    coded = isaf.code_article([by_isaf], "2011-02-08")
    assert coded.min_killed == 2 and "civiliancasualty" in coded.event_type

    by_taliban = _event(1, "attack", "2011-02-07", killed=2)
    by_taliban.agents = [Role(text="Taliban", start=0, end=7, canonical="Taliban")]
    by_taliban.targets = [Role(text="two civilians", start=8, end=21, canonical="civilians")]
    coded = isaf.code_article([by_taliban], "2011-02-08")
    assert coded.min_killed == 0 and "civiliancasualty" not in coded.event_type


def test_a_digest_is_coded_by_its_first_release():
    text = "KABUL (Dec 01, 2012) Forces arrested two insurgents.\n\n---\n\nKABUL (Dec. 3, 2012) A leader was arrested."
    first = _event(1, "detention", "2012-11-30", captured=2)
    update = _event(2, "detention", "2012-12-01", captured=1)
    update.trigger = update.trigger.model_copy(update={"start": text.index("arrested.", 60), "end": text.index("arrested.", 60) + 8})
    assert isaf.first_release([first, update], text) == [first]
    assert isaf.first_release([first, update], text.replace("---", "")) == [first, update]


def test_civilians_denied_harm_make_no_civilian_casualty():
    from pipeline.models import Role

    operation = _event(1, "military_operation", "2011-01-16", killed=2)
    operation.agents = [Role(text="the security force", start=0, end=17, canonical="security force")]
    operation.targets = [
        Role(text="two insurgents", start=18, end=32, canonical="insurgents"),
        Role(text="no civilians", start=33, end=45, canonical="civilians"),
    ]
    assert isaf.code_article([operation], "2011-01-17").event_type == ["insurgentskilled"]
