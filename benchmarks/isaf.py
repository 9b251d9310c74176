"""ISAF press releases benchmark: per-article event date, casualties, provinces and types.

Runs the full pipeline on `../shared/benchmarks/isaf-dev/articles.jsonl`, turns each article's
events into one coded record the way the gold was coded (one reported operation per release),
and scores it against `gold.jsonl`:

- one release: a text that strings several releases together (a digest, a release and its
  "UPDATE") is coded by its first release, as the gold codes one record per release.
- the reported operation: asserted attack, airstrike, detention and operation events that
  state a count (all of them when none does); other events are background.
- date: the earliest day among the operation's events (asserted, with a full date not after
  the dateline); when no event has one, the dateline itself ("today" is the commonest case).
- killed / captured: the events' minimum counts summed over distinct events (the component
  already merges repeated mentions of one happening); as in the gold, killed counts the
  operation's enemy dead, so an event whose victims are all soldiers, police, officials or
  civilians adds none.
- provinces: the province of every location of those events (districts map to their province);
  when they name none, the first province of any asserted event.
- event type, one label per release as in the gold, the first that applies: civilians killed
  by ISAF, coalition or Afghan forces -> civiliancasualty; an airstrike event (and nobody
  captured) -> airstrike; captured > 0 and killed > 0 -> captureandkill; captured > 0, or a
  detention event with no count -> detention; killed > 0 (attack, military_operation) ->
  insurgentskilled.

Usage: python benchmarks/isaf.py [--limit N] [--data DIR] [--out FILE] [--quiet]
Prints a table and the misses; writes the numbers to benchmarks/results/isaf.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import load  # noqa: E402
from pipeline.components.events import is_roundup, province_keys  # noqa: E402
from pipeline.dateline import find_document_time, release_starts  # noqa: E402
from pipeline.models import Event  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "isaf-dev"
OUT = ROOT / "benchmarks" / "results" / "isaf.json"
#: Event types that make up a reported operation (others: declarations, funding, ...).
OPERATION_TYPES = {"attack", "airstrike", "detention", "military_operation"}
#: An operation dated further back than this before the dateline is background, not the report.
BACKGROUND_DAYS = 31


@dataclass
class Coded:
    """One article coded like the gold."""

    start_date: Optional[str]
    min_killed: int
    min_captured: int
    province: list[str]
    event_type: list[str] = field(default_factory=list)


#: The gold counts the operation's enemy dead ("min_killed"), not soldiers or civilians killed by
#: insurgents in attacks a release mentions as background.
FRIENDLY = re.compile(
    r"\b(soldiers?|troops?|service ?members?|marines?|police(?:men)?|officers?|civilians?|"
    r"officials?|governor|coalition|ISAF|Afghan National|children|women|villagers?)\b",
    re.I,
)


def _reported(events: list[Event], dct: Optional[str] = None) -> list[Event]:
    """The release's own operation: asserted operation events that state a casualty count
    (else all asserted operation events). A roundup sentence ("separate operations over the
    last 24 hours") sums up the incidents told below it, and an operation of an earlier month
    ("In June, ...") is background: both count only when nothing else is reported."""
    core = [e for e in events if e.modality == "asserted" and e.type in OPERATION_TYPES]
    core = [e for e in core if not _background(e, dct)] or core
    core = [e for e in core if not is_roundup(e.sentence)] or core
    counted = [e for e in core if (e.casualties.killed or 0) + (e.casualties.captured or 0) > 0]
    return counted or core


def _background(event: Event, dct: Optional[str]) -> bool:
    """An event dated only by a month or year that ended before the dateline's month, or to a
    day more than a month before it ("the May 11 insider attack" in a September release).

    A month-only DCT ("2010-07", from a release number) could be any day of that month: a day
    is background only if it lies more than a month before the month's first day.
    """
    from datetime import date, timedelta

    value = event.time.value if event.time is not None else None
    if not dct or not value:
        return False
    if re.fullmatch(r"\d{4}(-\d{2})?", value):
        return value < dct[: len(value)]
    day = _day(event)
    earliest = date.fromisoformat(dct if len(dct) == 10 else dct + "-01")
    return day is not None and day < (earliest - timedelta(days=BACKGROUND_DAYS)).isoformat()


#: The release's own side: civilians these forces kill are the report ("civiliancasualty").
OWN_FORCES = re.compile(r"\b(ISAF|International Security Assistance Force|coalition|security forces?|Afghan National)\b", re.I)


#: A participant denied: "no civilians were injured".
NEGATED = re.compile(r"(?:no|none|neither)\b", re.I)


def _civilian_casualty(event: Event) -> bool:
    """Civilians killed by the release's own forces: the incident the release reports."""
    return (
        bool(event.casualties.killed)
        and any(re.search(r"\bcivilians?\b", t.text, re.I) and not NEGATED.match(t.text) for t in event.targets)
        and any(OWN_FORCES.search(a.text) or OWN_FORCES.search(a.canonical) for a in event.agents)
    )


def _enemy_killed(event: Event) -> int:
    """The dead the gold counts: the enemy, and civilians killed by the release's own forces;
    not soldiers, police or civilians that insurgents killed in attacks told as background."""
    if event.targets and all(FRIENDLY.search(t.text) for t in event.targets) and not _civilian_casualty(event):
        return 0
    return event.casualties.killed or 0


def _day(event: Event) -> Optional[str]:
    """The ISO day of an event's time: "2010-08-03" also from "2010-08-03TNI" (last night)."""
    value = event.time.value if event.time is not None else None
    return value[:10] if value and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


def _provinces(events: Iterable[Event]) -> list[str]:
    found: list[str] = []
    for event in events:
        for role in event.locations:
            found.extend(key for key in province_keys(role) if key not in found)
    return found


def first_release(events: list[Event], text: str) -> list[Event]:
    """The events of the first release in a text that strings several together (a release and
    its "UPDATE", a digest): the gold codes one record per release, the first one's operation."""
    starts = release_starts(text)
    return [e for e in events if e.trigger.start < starts[0]] if starts else events


def code_article(events: list[Event], dct: Optional[str]) -> Coded:
    """Aggregate an article's events into the gold's one-record-per-release coding."""
    reported = _reported(events, dct)
    killed = sum(_enemy_killed(e) for e in reported)
    captured = sum(e.casualties.captured or 0 for e in reported)
    # no event after the DCT: compared on the DCT's own granularity (a month-only DCT, "2010-07",
    # admits any day of its month); a month-only DCT is no start date, only a full one is
    dates = [day for day in (_day(e) for e in reported) if day and (dct is None or day[: len(dct)] <= dct)]
    start = min(dates) if dates else (dct if dct and len(dct) == 10 else None)
    provinces = _provinces(reported) or _provinces(e for e in events if e.modality == "asserted")[:1]
    return Coded(start, killed, captured, provinces, _event_type(reported, killed, captured))


def _event_type(reported: list[Event], killed: int, captured: int) -> list[str]:
    """One label, as the gold gives one per release: the most specific that applies."""
    if any(_civilian_casualty(e) for e in reported):
        return ["civiliancasualty"]
    if any(e.type == "airstrike" for e in reported) and not captured:
        return ["airstrike"]
    if captured and killed:
        return ["captureandkill"]
    if captured or any(e.type == "detention" for e in reported) and not killed:
        return ["detention"]
    return ["insurgentskilled"] if killed else []


def _days_apart(a: Optional[str], b: Optional[str]) -> Optional[int]:
    from datetime import date

    if not a or not b or len(a) != 10 or len(b) != 10:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _f1(pred: Iterable[str], gold: Iterable[str], tally: dict[str, int]) -> None:
    pred, gold = set(pred), set(gold)
    tally["tp"] += len(pred & gold)
    tally["fp"] += len(pred - gold)
    tally["fn"] += len(gold - pred)


def _score_f1(tally: dict[str, int]) -> float:
    precision = tally["tp"] / (tally["tp"] + tally["fp"]) if tally["tp"] + tally["fp"] else 0.0
    recall = tally["tp"] / (tally["tp"] + tally["fn"]) if tally["tp"] + tally["fn"] else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(pairs: list[tuple[dict, Coded]]) -> tuple[dict[str, float], list[str]]:
    n = len(pairs)
    exact = within = killed_ok = captured_ok = 0
    killed_err = captured_err = 0
    provinces = {"tp": 0, "fp": 0, "fn": 0}
    types = {"tp": 0, "fp": 0, "fn": 0}
    misses: list[str] = []
    undated = sum(coded.start_date is None for _, coded in pairs)
    for gold, coded in pairs:
        apart = _days_apart(coded.start_date, gold["start_date"])
        exact += apart == 0
        within += apart is not None and apart <= 1
        killed_ok += coded.min_killed == gold["min_killed"]
        captured_ok += coded.min_captured == gold["min_captured"]
        killed_err += abs(coded.min_killed - gold["min_killed"])
        captured_err += abs(coded.min_captured - gold["min_captured"])
        _f1(coded.province, gold["province"], provinces)
        _f1(coded.event_type, gold["event_type"], types)
        wrong = []
        if apart != 0:
            wrong.append(f"date {coded.start_date} vs {gold['start_date']}")
        if coded.min_killed != gold["min_killed"]:
            wrong.append(f"killed {coded.min_killed} vs {gold['min_killed']}")
        if coded.min_captured != gold["min_captured"]:
            wrong.append(f"captured {coded.min_captured} vs {gold['min_captured']}")
        if set(coded.province) != set(gold["province"]):
            wrong.append(f"province {sorted(coded.province)} vs {sorted(gold['province'])}")
        if wrong:
            misses.append(f"{gold['id']}: " + "; ".join(wrong))
    metrics = {
        "articles": n,
        "date_exact": exact / n,
        "date_within_1_day": within / n,
        # the text of an undated release states no year or no day of the incident (no dateline,
        # or a release number's month only); these two say how the dated ones fare
        "undated_articles": undated,
        "date_exact_when_dated": exact / (n - undated) if n > undated else 0.0,
        "killed_accuracy": killed_ok / n,
        "killed_mae": killed_err / n,
        "captured_accuracy": captured_ok / n,
        "captured_mae": captured_err / n,
        "province_f1": _score_f1(provinces),
        "event_type_f1": _score_f1(types),
    }
    return metrics, misses


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf8").split("\n") if line.strip()]


def run(data: Path = DATA, limit: Optional[int] = None, components: Optional[list[str]] = None, nlp=None) -> dict:
    """Score the pipeline on the ISAF dev set; returns the metrics and the misses.

    Overhead: seconds of the events component against the spaCy model's own components
    (tok2vec ... ner), on the same docs, processed one at a time.
    """
    articles = read_jsonl(data / "articles.jsonl")[:limit]
    gold = {row["id"]: row for row in read_jsonl(data / "gold.jsonl")}
    if nlp is None:
        nlp = load(components=components) if components else load()

    ours = {"newsfacts_lines", "newsfacts_gazetteer", "newsfacts_entities", "newsfacts_times", "newsfacts_figures", "newsfacts_events"}
    spacy_time = events_time = 0.0
    pairs = []
    for article in articles:
        doc = nlp.make_doc(article["text"])
        doc._.article_id = article["id"]
        # as resolve_dct does for an article without metadata: the dateline's day, else the
        # release number's month ("2010-07"), else None
        dateline = find_document_time(article["text"])
        doc._.dct = dateline.value if dateline else None
        for name, proc in nlp.pipeline:  # one doc at a time, to time each component
            started = time.perf_counter()
            doc = proc(doc)
            elapsed = time.perf_counter() - started
            if name == "newsfacts_events":
                events_time += elapsed
            elif name not in ours:
                spacy_time += elapsed
        pairs.append((gold[doc._.article_id], code_article(first_release(doc._.events, doc.text), doc._.dct)))
    metrics, misses = score(pairs)
    n = max(len(articles), 1)
    metrics["spacy_ms_per_article"] = 1000 * spacy_time / n
    metrics["events_ms_per_article"] = 1000 * events_time / n
    metrics["events_overhead"] = events_time / spacy_time if spacy_time else 0.0
    return {"metrics": metrics, "misses": misses}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--components", nargs="*", help="newsfacts components to run (default: all)")
    parser.add_argument("--quiet", action="store_true", help="do not print the misses")
    args = parser.parse_args(argv)
    report("isaf-dev", run(args.data, args.limit, components=args.components), args.out, args.quiet)
    return 0


def report(benchmark: str, result: dict, out: Path, quiet: bool = False) -> None:
    """Print the metric table (and the misses), and write the numbers to `out`: numbers only,
    since the misses quote gold values and benchmark data stays out of the repo."""
    metrics = result["metrics"]
    print(f"{'metric':<24}{'value':>10}")
    for name, value in metrics.items():
        print(f"{name:<24}{value:>10.3f}" if isinstance(value, float) else f"{name:<24}{value:>10}")
    if not quiet:
        print(f"\nmisses ({len(result['misses'])}):")
        for line in result["misses"]:
            print("  " + line)
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"benchmark": benchmark, "metrics": metrics, "misses": len(result["misses"])}
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    sys.exit(main())
