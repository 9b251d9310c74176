"""Wire-news casualty benchmark: the events component keeps a floor outside ISAF releases.

Runs `benchmarks/news_events.py` on the 30 TimeBank/AQUAINT documents of
`benchmarks/gold/timebank_casualties.jsonl` (skipped when ../shared is absent). The floors sit a
little below the measured numbers (see benchmarks/results/news_events.json), so a broken
component (no counts, no dates, no detentions) fails while small changes pass.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import news_events  # noqa: E402

FLOORS = {
    "killed_accuracy": 0.76,
    "killed_within_10pct": 0.83,
    "wounded_accuracy": 0.73,
    "wounded_within_10pct": 0.80,
    "captured_accuracy": 0.83,
    "date_exact": 0.72,
    "date_within_1_day": 0.77,
}


def _gold() -> list[dict]:
    return [json.loads(line) for line in news_events.GOLD.read_text(encoding="utf8").splitlines() if line.strip()]


def test_news_events_floor(shared_dir, nlp):
    result = news_events.run(shared_dir / "benchmarks" / "timebank", nlp=nlp)
    metrics = result["metrics"]
    assert metrics["articles"] == len(_gold())
    low = {name: round(metrics[name], 3) for name, floor in FLOORS.items() if metrics[name] < floor}
    assert not low, f"below floor: {low}"


def test_gold_offsets_fall_inside_the_documents(shared_dir):
    texts = {}
    with open(shared_dir / "benchmarks" / "timebank" / "timebank.jsonl", encoding="utf8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[row["doc_id"]] = row
    gold = _gold()
    assert 30 <= len(gold) <= 50
    assert len({row["doc_id"] for row in gold}) == len(gold)
    for row in gold:
        assert row["doc_id"] in texts, row["doc_id"]
        text = texts[row["doc_id"]]["text"]
        assert row["dct"] == texts[row["doc_id"]]["dct"]
        assert row["incidents"], row["doc_id"]
        for name in ("killed", "wounded", "captured"):
            assert row[f"min_{name}"] == sum(incident[name] for incident in row["incidents"]), row["doc_id"]
        for incident in row["incidents"]:
            assert incident["sentences"], row["doc_id"]
            for start, end in incident["sentences"]:
                assert 0 <= start < end <= len(text), (row["doc_id"], start, end)
                assert text[start:end].strip(), (row["doc_id"], start, end)
        if row["start_date"] is not None:
            assert row["start_date"] <= row["dct"]
        assert len(row.get("note", "").split()) <= 45


def test_aggregation_sums_asserted_events_and_drops_background():
    from pipeline.models import Casualties, Event, TimeExpr, Trigger

    def event(n, day, modality="asserted", **counts):
        return Event(
            id=f"a-e{n:03d}",
            article_id="a",
            type="attack",
            trigger=Trigger(text="x", start=0, end=1, lemma="x"),
            sentence="x",
            time=TimeExpr(text="x", start=0, end=1, type="DATE", value=day) if day else None,
            casualties=Casualties(**counts),
            modality=modality,
        )

    events = [
        event(1, "1998-08-07", killed=74, wounded=1640),
        event(2, "1998-08-07", killed=7, wounded=72),
        event(3, "1998-06", killed=30),  # an earlier month: background
        event(4, "1998-08-08", modality="possible", killed=5),
        event(5, None, captured=2),
    ]
    coded = news_events.code_article(events, "1998-08-08")
    assert (coded.min_killed, coded.min_wounded, coded.min_captured) == (81, 1712, 2)
    assert coded.start_date == "1998-08-07"
    assert news_events.code_article([event(1, None, killed=1)], "1998-08-08").start_date is None
