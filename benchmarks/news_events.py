"""Wire-news casualty benchmark: does the events component generalize beyond ISAF releases?

Runs the full pipeline on the TimeBank/AQUAINT news documents listed in
`benchmarks/gold/timebank_casualties.jsonl` (text from `../shared/benchmarks/timebank/timebank.jsonl`,
1989-2000 AP, NYT, Xinhua, WSJ, CNN, ...), with `doc._.dct` set from the document's DCT, and
scores each article's aggregated events against the hand-written gold.

The gold (annotated blind, before the pipeline was run on these documents) follows the ISAF
conventions (minimum counts, bare plural = 2, "several" = 3, "dozens" = 24, distinct groups add
up, a repeated fact counts once) over the incidents the article reports as news: an incident
dated more than 31 days before the DCT is background, as in `isaf.py`. See each line's `note`.

Aggregation (deliberately simple; no tuning to this data):

- the article's events: asserted events (`modality == "asserted"`, any type) that are not
  background by `isaf._background` (dated to an earlier month, or to a day more than 31 days
  before the DCT); when that leaves none, all asserted events.
- killed / wounded / captured: each event's minimum count, summed over those events (the
  component merges repeated mentions of one happening; a total restated per city is not merged,
  and that shows up here as an over-count).
- start date: the earliest day (`isaf._day`, not after the DCT) among those events that state a
  count; when none of them has a day, among those of an operation type (attack, airstrike,
  detention, military_operation); else none. Unlike `isaf.py` there is no fallback to the DCT:
  the gold leaves `start_date` null when the text gives no day.

Scores: exact accuracy and mean absolute error for killed, wounded and captured over all
articles, plus the share within 10% of the gold (wire tolls are restated and revised);
date exact / within one day over the articles whose gold has a day, and for those whose gold has
none, the share where the system gives none either.

Usage: python benchmarks/news_events.py [--limit N] [--data DIR] [--gold FILE] [--out FILE] [--quiet]
Prints a table and the misses; writes the numbers only to benchmarks/results/news_events.json.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import isaf  # noqa: E402
from pipeline import load  # noqa: E402
from pipeline.models import Event  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "timebank"
GOLD = ROOT / "benchmarks" / "gold" / "timebank_casualties.jsonl"
OUT = ROOT / "benchmarks" / "results" / "news_events.json"
COUNTS = ("killed", "wounded", "captured")


@dataclass
class Coded:
    """One article's events, aggregated like the gold."""

    start_date: Optional[str]
    min_killed: int
    min_wounded: int
    min_captured: int
    events: list[Event]


def _count(event: Event) -> int:
    return sum(getattr(event.casualties, name) or 0 for name in COUNTS)


def code_article(events: list[Event], dct: Optional[str]) -> Coded:
    """Aggregate an article's events (see the module docstring)."""
    asserted = [e for e in events if e.modality == "asserted"]
    kept = [e for e in asserted if not isaf._background(e, dct)] or asserted
    counted = [e for e in kept if _count(e)]
    operations = [e for e in kept if e.type in isaf.OPERATION_TYPES]
    start = None
    for group in (counted, operations):
        days = [day for day in (isaf._day(e) for e in group) if day and (dct is None or day <= dct)]
        if days:
            start = min(days)
            break
    total = {name: sum(getattr(e.casualties, name) or 0 for e in kept) for name in COUNTS}
    return Coded(start, total["killed"], total["wounded"], total["captured"], counted)


def _within(pred: int, gold: int, share: float = 0.10) -> bool:
    return abs(pred - gold) <= share * gold if gold else pred == 0


def score(pairs: list[tuple[dict, Coded]]) -> tuple[dict[str, float], list[str]]:
    n = max(len(pairs), 1)
    ok = {name: 0 for name in COUNTS}
    err = {name: 0 for name in COUNTS}
    near = {name: 0 for name in COUNTS}
    dated = exact = within = undated = undated_ok = 0
    misses: list[str] = []
    for gold, coded in pairs:
        wrong = []
        for name in COUNTS:
            pred, want = getattr(coded, f"min_{name}"), gold[f"min_{name}"]
            ok[name] += pred == want
            err[name] += abs(pred - want)
            near[name] += _within(pred, want)
            if pred != want:
                wrong.append(f"{name} {pred} vs {want}")
        if gold["start_date"]:
            dated += 1
            apart = isaf._days_apart(coded.start_date, gold["start_date"])
            exact += apart == 0
            within += apart is not None and apart <= 1
            if apart != 0:
                wrong.append(f"date {coded.start_date} vs {gold['start_date']}")
        else:
            undated += 1
            undated_ok += coded.start_date is None
            if coded.start_date is not None:
                wrong.append(f"date {coded.start_date} vs none")
        if wrong:
            misses.append(f"{gold['doc_id']}: " + "; ".join(wrong))
    metrics: dict[str, float] = {"articles": len(pairs)}
    for name in COUNTS:
        metrics[f"{name}_accuracy"] = ok[name] / n
        metrics[f"{name}_mae"] = err[name] / n
        metrics[f"{name}_within_10pct"] = near[name] / n
    metrics["dated_articles"] = dated
    metrics["date_exact"] = exact / dated if dated else 0.0
    metrics["date_within_1_day"] = within / dated if dated else 0.0
    metrics["undated_articles"] = undated
    metrics["undated_no_date"] = undated_ok / undated if undated else 0.0
    return metrics, misses


def run(data: Path = DATA, gold_path: Path = GOLD, limit: Optional[int] = None, nlp=None, explain: bool = False) -> dict:
    """Score the pipeline on the gold's documents; returns the metrics and the misses.

    With `explain`, each miss is followed by the events that were counted (type, counts, day,
    and the start of their sentence), for reading on the console only.
    """
    gold = isaf.read_jsonl(gold_path)[:limit]
    texts = {row["doc_id"]: row for row in isaf.read_jsonl(data / "timebank.jsonl")}
    if nlp is None:
        nlp = load()
    pairs = []
    details: dict[str, list[str]] = {}
    for row in gold:
        source = texts[row["doc_id"]]
        doc = nlp.make_doc(source["text"])
        doc._.article_id = row["doc_id"]
        doc._.dct = source["dct"]
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        coded = code_article(doc._.events, doc._.dct)
        pairs.append((row, coded))
        details[row["doc_id"]] = [
            f"{e.type} k={e.casualties.killed} w={e.casualties.wounded} c={e.casualties.captured} "
            f"day={isaf._day(e)} | {e.sentence[:90]}"
            for e in coded.events
        ]
    metrics, misses = score(pairs)
    if explain:
        misses = [line + "".join("\n      " + d for d in details[line.split(":")[0]]) for line in misses]
    return {"metrics": metrics, "misses": misses}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N gold articles")
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding timebank.jsonl")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--quiet", action="store_true", help="do not print the misses")
    parser.add_argument("--explain", action="store_true", help="print the counted events under each miss")
    args = parser.parse_args(argv)
    isaf.report("timebank-casualties", run(args.data, args.gold, args.limit, explain=args.explain), args.out, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
