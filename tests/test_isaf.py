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
    "date_within_1_day": 0.78,
    "killed_accuracy": 0.80,
    "captured_accuracy": 0.75,
    "province_f1": 0.85,
    "event_type_f1": 0.80,
}


def test_isaf_subset_floor(shared_dir, nlp):
    result = isaf.run(shared_dir / "benchmarks" / "isaf-dev", limit=40, nlp=nlp)
    metrics = result["metrics"]
    assert metrics["articles"] == 40
    low = {name: round(metrics[name], 3) for name, floor in FLOORS.items() if metrics[name] < floor}
    assert not low, f"below floor: {low}"


def test_code_article_aggregates_distinct_events():
    from pipeline.models import Casualties, Event, Role, TimeExpr, Trigger

    def event(n: int, type_: str, day: str, killed=None, captured=None, place="Maiwand District, Kandahar Province"):
        return Event(
            id=f"a-e{n:03d}",
            article_id="a",
            type=type_,
            trigger=Trigger(text="x", start=0, end=1, lemma="x"),
            sentence="x",
            time=TimeExpr(text="x", start=0, end=1, type="DATE", value=day),
            locations=[Role(text="x", start=0, end=1, canonical=place)],
            casualties=Casualties(killed=killed, captured=captured),
        )

    coded = isaf.code_article(
        [event(1, "detention", "2013-01-20", captured=3), event(2, "military_operation", "2013-01-19", killed=2)],
        "2013-01-22",
    )
    assert coded.start_date == "2013-01-19"
    assert (coded.min_killed, coded.min_captured) == (2, 3)
    assert coded.province == ["kandahar"]
    assert coded.event_type == ["captureandkill"]
