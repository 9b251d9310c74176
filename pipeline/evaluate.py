"""Golden-fact scoring: `newsfacts eval --gold corpus/ OUTPUT_DIR`.

Gold files live in `GOLD/gold/<article id>.json`, out of reach of `newsfacts extract GOLD/`
(which reads no .json). Each holds hand-written `times`, `figures`, `events` and `entities`
with offsets into the article text. Spans match one-to-one by overlap; a gold item marked
`optional` is neither required nor counted as an extra when found. Scores below the committed
baseline (`GOLD/baseline.json`) make the command exit non-zero.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

Item = dict[str, Any]
FIGURE_FIELDS = ("value", "lower", "upper", "approximate", "unit", "currency", "kind")


@dataclass
class Tally:
    """Counts for one fact kind; `correct` needs the span and every scored attribute right."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)

    def prf(self, hits: int) -> dict[str, float]:
        precision = hits / self.system if self.system else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def overlaps(a: Item, b: Item) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def match_spans(gold: list[Item], system: list[Item]) -> list[tuple[Item, Optional[Item]]]:
    """One-to-one matching by overlap, largest overlap first; unmatched gold pairs with None."""
    pairs = sorted(
        ((min(g["end"], s["end"]) - max(g["start"], s["start"]), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system) if overlaps(g, s)),
        reverse=True,
    )
    used_gold: dict[int, int] = {}
    used_system: set[int] = set()
    for _, gi, si in pairs:
        if gi not in used_gold and si not in used_system:
            used_gold[gi] = si
            used_system.add(si)
    return [(g, system[used_gold[gi]] if gi in used_gold else None) for gi, g in enumerate(gold)]


def _extras(gold: list[Item], system: list[Item], pairs: list[tuple[Item, Optional[Item]]]) -> list[Item]:
    """System items that match no gold item and overlap no optional one."""
    matched = {id(s) for _, s in pairs if s is not None}
    optional = [g for g in gold if g.get("optional")]
    return [s for s in system if id(s) not in matched and not any(overlaps(g, s) for g in optional)]


def score_spans(gold: list[Item], system: list[Item], is_correct: Callable[[Item, Item], bool], describe: Callable[[Item], str]) -> Tally:
    tally = Tally()
    pairs = match_spans(gold, system)
    for g, s in pairs:
        if g.get("optional"):
            continue
        tally.gold += 1
        if s is None:
            tally.misses.append(f"missed {describe(g)}")
            continue
        tally.matched += 1
        if is_correct(g, s):
            tally.correct += 1
        else:
            tally.misses.append(f"wrong {describe(g)}: got {describe(s)}")
    extras = _extras(gold, system, pairs)
    tally.system = tally.matched + len(extras)
    tally.misses += [f"extra {describe(s)}" for s in extras]
    return tally


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-6)
    return a == b


def figure_correct(gold: Item, system: Item) -> bool:
    if not all(_same_number(gold.get(name), system.get(name)) for name in FIGURE_FIELDS):
        return False
    return gold.get("measured") is None or (system.get("measured") or "").lower() == gold["measured"].lower()


def describe_time(t: Item) -> str:
    return f"{t['text']!r}@{t['start']} {t.get('type')} {t.get('value')} mod={t.get('mod')}"


def describe_figure(f: Item) -> str:
    fields = " ".join(f"{name}={f.get(name)}" for name in FIGURE_FIELDS + ("measured",) if f.get(name) not in (None, False))
    return f"{f['text']!r}@{f['start']} {fields}"


def score_times(gold: list[Item], system: list[Item]) -> dict[str, Any]:
    spans = score_spans(gold, system, lambda g, s: True, describe_time)
    values = score_spans(gold, system, lambda g, s: g["value"] == s.get("value"), describe_time)
    full = score_spans(gold, system, lambda g, s: g["value"] == s.get("value") and g.get("mod") == s.get("mod") and g["type"] == s.get("type"), describe_time)
    return {
        "span": spans.prf(spans.matched),
        "value": values.prf(values.correct),
        "value_type_mod": full.prf(full.correct),
        "gold": full.gold,
        "system": full.system,
        "misses": full.misses,
    }


def score_figures(gold: list[Item], system: list[Item]) -> dict[str, Any]:
    spans = score_spans(gold, system, lambda g, s: True, describe_figure)
    full = score_spans(gold, system, figure_correct, describe_figure)
    return {"span": spans.prf(spans.matched), "qualified": full.prf(full.correct), "gold": full.gold, "system": full.system, "misses": full.misses}


def sentence_span(text: str, event: Item) -> tuple[int, int]:
    """Where the event's sentence stands: the last occurrence that starts at or before its trigger."""
    trigger = event["trigger"]
    start = text.rfind(event["sentence"], 0, trigger["start"] + len(event["sentence"]))
    return (start, start + len(event["sentence"])) if 0 <= start <= trigger["start"] else (trigger["start"], trigger["end"])


def _covers(text: str, event: Item, gold_trigger: Item) -> bool:
    """The system event speaks of the gold one: the gold trigger is in its sentence or in one
    of its merged mentions."""
    start, end = sentence_span(text, event)
    return start <= gold_trigger["start"] < end or any(overlaps(m, gold_trigger) for m in event.get("mentions", []))


def event_problems(gold: Item, system: Item) -> list[str]:
    problems = []
    time = (system.get("time") or {}).get("value")
    if gold.get("time") is not None and gold["time"] != time:
        problems.append(f"time {time} != {gold['time']}")
    if gold.get("modality", "asserted") != system.get("modality"):
        problems.append(f"modality {system.get('modality')} != {gold.get('modality')}")
    for name, expected in (gold.get("casualties") or {}).items():
        got = (system.get("casualties") or {}).get(name)
        if expected is not None and expected != got:
            problems.append(f"{name} {got} != {expected}")
    for role in ("agents", "locations"):
        names = [f"{r['text']} {r.get('canonical', '')}".lower() for r in system.get(role, [])]
        problems += [f"{role} lack {want!r}" for want in gold.get(role, []) if not any(want.lower() in n for n in names)]
    return problems


def score_events(gold: list[Item], system: list[Item], text: str) -> dict[str, Any]:
    """Recall of the key events: same type, gold trigger in the system event's sentence or mentions."""
    found = correct = 0
    misses = []
    for g in gold:
        candidates = [s for s in system if s["type"] == g["type"] and _covers(text, s, g["trigger"])]
        label = f"{g['type']} {g['trigger']['text']!r}@{g['trigger']['start']}"
        if not candidates:
            misses.append(f"missed {label}")
            continue
        found += 1
        problems = min((event_problems(g, s) for s in candidates), key=len)
        if problems:
            misses.append(f"wrong {label}: " + "; ".join(problems))
        else:
            correct += 1
    n = len(gold) or 1
    return {"found": round(found / n, 4), "correct": round(correct / n, 4), "gold": len(gold), "system": len(system), "misses": misses}


def score_entities(gold: list[Item], system: list[Item]) -> dict[str, Any]:
    """Mention recall (overlapping span, same label) and canonical consistency per gold group."""
    required = [g for g in gold if not g.get("optional")]
    pairs = match_spans(required, system)
    found = sum(1 for g, s in pairs if s is not None and s["label"] == g["label"])
    canon_by_group: dict[str, set[str]] = {}
    for g, s in pairs:
        canon_by_group.setdefault(g["group"], set()).add(s["canonical"] if s else "<missing>")
    groups_of: dict[str, set[str]] = {}
    for group, canons in canon_by_group.items():
        for canon in canons:
            groups_of.setdefault(canon, set()).add(group)
    consistent = [grp for grp, canons in canon_by_group.items() if len(canons) == 1 and "<missing>" not in canons and len(groups_of[next(iter(canons))]) == 1]
    misses = [f"{g['text']!r}@{g['start']} {g['label']}: got " + (f"{s['text']!r} {s['label']} canonical={s['canonical']!r}" if s else "nothing") for g, s in pairs if s is None or s["label"] != g["label"]]
    misses += [f"group {grp}: canonicals {sorted(c)}" for grp, c in canon_by_group.items() if grp not in consistent]
    return {"mention_recall": round(found / (len(required) or 1), 4), "groups_consistent": round(len(consistent) / (len(canon_by_group) or 1), 4), "gold": len(required), "misses": misses}


def read_jsonl(path: Path) -> Iterable[Item]:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)


def evaluate(gold_dir: Path, output_dir: Path) -> dict[str, Any]:
    """Score every gold article against the output; returns per-article and overall scores."""
    articles = {a["id"]: a for a in read_jsonl(output_dir / "articles.jsonl")}
    figures: dict[str, list[Item]] = {}
    for f in read_jsonl(output_dir / "figures.jsonl"):
        figures.setdefault(f["article_id"], []).append(f)
    events: dict[str, list[Item]] = {}
    for e in read_jsonl(output_dir / "events.jsonl"):
        events.setdefault(e["article_id"], []).append(e)
    report: dict[str, Any] = {"articles": {}}
    for path in sorted((gold_dir / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = articles.get(gold["id"])
        if article is None:
            report["articles"][gold["id"]] = {"error": "not in the output"}
            continue
        report["articles"][gold["id"]] = {
            "times": score_times(gold.get("times", []), article["times"]),
            "figures": score_figures(gold.get("figures", []), figures.get(gold["id"], [])),
            "events": score_events(gold.get("events", []), events.get(gold["id"], []), article["text"]),
            "entities": score_entities(gold.get("entities", []), article["entities"]),
        }
    report["overall"] = _overall(report["articles"])
    return report


def _overall(per_article: dict[str, Any]) -> dict[str, float]:
    """Scores averaged over articles (one number per metric, flat keys, for the baseline)."""
    metrics: dict[str, list[float]] = {}
    for scores in per_article.values():
        if "error" in scores:
            metrics.setdefault("articles_found", []).append(0.0)
            continue
        metrics.setdefault("articles_found", []).append(1.0)
        for kind, result in scores.items():
            for name, value in result.items():
                if isinstance(value, dict):
                    for sub, number in value.items():
                        metrics.setdefault(f"{kind}.{name}.{sub}", []).append(number)
                elif isinstance(value, float):
                    metrics.setdefault(f"{kind}.{name}", []).append(value)
    return {name: round(sum(values) / len(values), 4) for name, values in sorted(metrics.items())}


def evaluate_dir(
    gold_dir: Path,
    output_dir: Path,
    report_path: Optional[Path] = None,
    baseline_path: Optional[Path] = None,
    html_path: Optional[Path] = None,
) -> bool:
    """Print scores and misses, write the JSON report; False when a score is under the baseline."""
    report = evaluate(gold_dir, output_dir)
    for article_id, scores in report["articles"].items():
        print(f"== {article_id}")
        for kind, result in scores.items():
            if kind == "error":
                print(f"  ERROR: {result}")
                continue
            numbers = {k: v for k, v in result.items() if k != "misses"}
            print(f"  {kind}: {json.dumps(numbers)}")
            for miss in result["misses"]:
                print(f"    - {miss}")
    baseline_path = baseline_path or gold_dir / "baseline.json"
    baseline = json.loads(baseline_path.read_text(encoding="utf-8")) if baseline_path.exists() else {}
    failures = [f"{name}: {report['overall'].get(name, 0.0)} < baseline {minimum}" for name, minimum in baseline.items() if report["overall"].get(name, 0.0) < minimum]
    report["baseline_failures"] = failures
    print("== overall")
    for name, value in report["overall"].items():
        floor = f"  (baseline {baseline[name]})" if name in baseline else ""
        print(f"  {name:36s} {value:.3f}{floor}")
    for failure in failures:
        print(f"BELOW BASELINE {failure}")
    target = report_path or output_dir / "eval.json"
    target.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"report: {target}")
    if html_path is not None:
        from .report import write_eval_diff

        print(f"diff: {write_eval_diff(report, gold_dir, output_dir, html_path)}")
    return not failures
