"""TempEval-3 Task A on TimeBank + AQUAINT (TBAQ-cleaned): how well `newsfacts_times` finds and
normalizes TIMEX3 expressions.

Runs the spaCy model, then our time component, on `timebank_input.jsonl` (text untouched, DCT
from `published`), and scores against the gold `timebank.jsonl`:
strict span P/R/F1 (exact offsets), relaxed span P/R/F1 (overlap), and type / value F1 over
relaxed matches (correct attributes over system and over gold counts), one-to-one matching per
document. Also: a per-category breakdown of the gold (the README's table: missed / value wrong),
the most frequent false positives, and the time our component adds to the spaCy model's own.

    python benchmarks/tempeval.py [--limit N] [--out benchmarks/results/tempeval.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "benchmarks" / "timebank"
OUT = ROOT / "benchmarks" / "results" / "tempeval.json"

MONTH = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
WEEKDAY = r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
CATEGORIES = (
    "TIME", "SET", "DATE quarter/week/season/half", "DURATION with a number", "DURATION vague",
    "DATE vague refs", "DATE weekday name", "DATE month+day without year", "DATE bare month name",
    "DATE relative month", "DATE relative year", "DATE other relative day", "DATE underspecified",
    "DATE explicit year / month-year / full date, today/yesterday", "other",
)


@dataclass(frozen=True)
class T:
    """One timex, gold or system."""

    start: int
    end: int
    text: str
    type: str
    value: Optional[str]


def category(t: T) -> str:
    """The README's error category of a gold timex, decided from its text, type and value."""
    value, text = t.value or "", t.text
    if t.type in ("TIME", "SET"):
        return t.type
    if t.type == "DURATION":
        return "DURATION vague" if "X" in value else "DURATION with a number"
    if value.endswith("_REF"):
        return "DATE vague refs"
    if re.search(r"-(?:W|Q|H|SP|SU|FA|WI)", value):
        return "DATE quarter/week/season/half"
    if re.search(WEEKDAY, text, re.I):
        return "DATE weekday name"
    has_year = re.search(r"\d{4}|nineteen|two thousand", text, re.I)
    if "X" in value:
        return "DATE underspecified"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value) and re.search(MONTH, text) and not has_year:
        return "DATE month+day without year"
    if re.fullmatch(r"\d{4}-\d\d", value) and re.search(MONTH, text) and not has_year:
        return "DATE bare month name"
    if re.fullmatch(r"\d{4}-\d\d", value) and not has_year:
        return "DATE relative month"
    if re.fullmatch(r"\d{4}", value) and not has_year:
        return "DATE relative year"
    if has_year or re.search(r"today|yesterday|tomorrow", text, re.I):
        return "DATE explicit year / month-year / full date, today/yesterday"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "DATE other relative day"
    return "other"


def match(gold: list[T], system: list[T], strict: bool) -> list[tuple[T, T]]:
    """One-to-one pairs: exact offsets when strict, else the largest overlap first."""
    candidates = []
    for g in gold:
        for s in system:
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if (strict and (g.start, g.end) == (s.start, s.end)) or (not strict and overlap > 0):
                candidates.append((-(g.start == s.start and g.end == s.end), -overlap, g.start, s.start, g, s))
    candidates.sort(key=lambda c: c[:4])
    used_g, used_s, pairs = set(), set(), []
    for *_, g, s in candidates:
        if id(g) in used_g or id(s) in used_s:
            continue
        used_g.add(id(g))
        used_s.add(id(s))
        pairs.append((g, s))
    return pairs


def prf(correct: int, n_system: int, n_gold: int) -> dict[str, float]:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def load(path: Path, limit: Optional[int]) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit else rows


def run(limit: Optional[int] = None, data: Path = DATA) -> dict:
    """Run the pipeline on the inputs and score it; returns the result dictionary."""
    import pipeline

    inputs = load(data / "timebank_input.jsonl", limit)
    gold_docs = {d["doc_id"]: d for d in load(data / "timebank.jsonl", None)}
    nlp = pipeline.load(components=["newsfacts_times"])
    tagger = nlp.get_pipe("newsfacts_times")
    nlp("Warm-up on Friday, Aug. 7, 1998, three weeks ago.")

    started = time.perf_counter()
    docs = list(nlp.pipe((d["text"] for d in inputs), disable=["newsfacts_times"]))
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc, row in zip(docs, inputs):
        doc._.dct = row.get("published")
        tagger(doc)
    times_seconds = time.perf_counter() - started
    result = score(docs, inputs, gold_docs)
    result["seconds"] = {"spacy": round(spacy_seconds, 3), "times": round(times_seconds, 3),
                         "overhead": round(times_seconds / spacy_seconds, 4) if spacy_seconds else 0.0}
    return result


def score(docs: list, inputs: list[dict], gold_docs: dict[str, dict]) -> dict:
    """TempEval-3 Task A scores of `doc._.times` against the gold, with the error breakdown."""
    totals: Counter = Counter()
    by_category: dict[str, Counter] = defaultdict(Counter)
    false_positives: Counter = Counter()
    misses: Counter = Counter()
    wrong_values: Counter = Counter()
    wrong_spans: Counter = Counter()
    for doc, row in zip(docs, inputs):
        gold_doc = gold_docs[row["id"]]
        assert doc.text == gold_doc["text"], f"text changed: {row['id']}"
        gold = [T(g["start"], g["end"], g["text"], g["type"], g["value"]) for g in gold_doc["timexes"]]
        system = [T(t.start, t.end, t.text, str(t.type), t.value) for t in doc._.times]
        strict = match(gold, system, strict=True)
        relaxed = match(gold, system, strict=False)
        totals.update(gold=len(gold), system=len(system), strict=len(strict), relaxed=len(relaxed),
                      type=sum(g.type == s.type for g, s in relaxed),
                      value=sum(g.value == s.value for g, s in relaxed))
        matched = {id(g): s for g, s in relaxed}
        matched_s = {id(s) for _, s in relaxed}
        for g, s in relaxed:
            if (g.start, g.end) != (s.start, s.end):
                wrong_spans[f"{g.text!r} / {s.text!r}"] += 1
        for g in gold:
            cat = by_category[category(g)]
            cat["gold"] += 1
            s = matched.get(id(g))
            if s is None:
                cat["missed"] += 1
                misses[f"{g.text!r} {g.type} {g.value}"] += 1
            elif s.value != g.value:
                cat["value_wrong"] += 1
                wrong_values[f"{g.text!r}->{s.text!r} {g.value} / {s.value} (dct {gold_doc['dct']})"] += 1
        for s in system:
            if id(s) not in matched_s:
                false_positives[f"{s.text!r} {s.type} {s.value}"] += 1

    return {
        "documents": len(inputs),
        "gold": totals["gold"],
        "system": totals["system"],
        "strict": prf(totals["strict"], totals["system"], totals["gold"]),
        "relaxed": prf(totals["relaxed"], totals["system"], totals["gold"]),
        "type": prf(totals["type"], totals["system"], totals["gold"]),
        "value": prf(totals["value"], totals["system"], totals["gold"]),
        "value_accuracy": round(totals["value"] / totals["relaxed"], 4) if totals["relaxed"] else 0.0,
        "categories": {c: dict(by_category[c]) for c in CATEGORIES if c in by_category},
        "top_false_positives": false_positives.most_common(40),
        "top_misses": misses.most_common(40),
        "top_wrong_values": wrong_values.most_common(40),
        "top_wrong_spans": wrong_spans.most_common(40),
    }


def table(result: dict) -> Iterable[str]:
    """The scores as Markdown tables (the README's layout)."""
    yield f"{result['documents']} documents, {result['gold']} gold timexes, {result['system']} system"
    yield "| measure | P | R | F1 |"
    yield "|---|---:|---:|---:|"
    for key in ("strict", "relaxed", "type", "value"):
        s = result[key]
        yield f"| {key} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} |"
    yield f"value accuracy (on relaxed matches): {result['value_accuracy']:.3f}"
    sec = result["seconds"]
    yield (f"time: spaCy model {sec['spacy']:.2f} s, newsfacts_times {sec['times']:.2f} s, "
           f"overhead {100 * sec['overhead']:.1f}%")
    yield ""
    yield "| gold category | gold | missed | value wrong |"
    yield "|---|---:|---:|---:|"
    for name, c in result["categories"].items():
        yield f"| {name} | {c.get('gold', 0)} | {c.get('missed', 0)} | {c.get('value_wrong', 0)} |"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON result")
    parser.add_argument("--data", type=Path, default=DATA, help="the timebank benchmark directory")
    parser.add_argument("--errors", action="store_true", help="also print the top errors")
    args = parser.parse_args(argv)
    result = run(args.limit, args.data)
    for line in table(result):
        print(line)
    if args.errors:
        for key in ("top_false_positives", "top_misses", "top_wrong_values", "top_wrong_spans"):
            print(f"\n{key}:")
            for text, n in result[key]:
                print(f"  {n:3d}  {text}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
