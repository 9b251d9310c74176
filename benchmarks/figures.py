"""Figures benchmark: own gold sentences, the seed article's golden figures, and speed.

Usage: `python -m benchmarks.figures` (from the repository root). Prints figure-level precision and
recall per rule family, value / bounds / unit-currency / measured accuracy over matched figures, the
seed check, and the time the figures component adds to the spaCy model's own processing time on
the ISAF dev press releases. Writes `benchmarks/results/figures.json`.

Gold (`tests/data/figures_gold.jsonl`): short sentences written for this benchmark, one family per
rule (digits, scale, words, percent, lower, upper, approx, range, vague, currency, unit, change,
casualty; year and names hold negatives: no figure expected). The `heldout` family was written after
the rules were frozen, as a check against fitting them to the rest (it scored 25/25 at its first run).

Matching: a predicted figure matches a gold figure of the same sentence when their character spans
overlap. Value is right within a relative 1e-3; bounds are right when lower, upper and approximate
all agree; unit/currency when both agree; measured is compared case-insensitively.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "figures_gold.jsonl"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_e1704b20f57f0b7c.txt"
ISAF = SHARED / "benchmarks" / "isaf-dev" / "articles.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "figures.json"
SPACY_MODEL_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter")

#: The seed article's golden figures (issue 4): span text, then the fields that must hold.
SEED_GOLD: list[dict[str, Any]] = [
    {"text": "more than 30", "value": 30, "lower": 30, "measured": "countries"},
    {"text": "around 108,780 km²", "value": 108780, "approximate": True, "unit": "km²", "dimension": "area", "measured": "territory"},
    {"text": "two", "value": 2, "measured": "major trends"},
    {"text": "some 2,500", "value": 2500, "approximate": True, "measured": "American troops"},
    {"text": "More than $4 billion", "value": 4e9, "lower": 4e9, "currency": "USD"},
    {"text": "225,000", "value": 225000, "measured": "Iraqi soldiers"},
    {"text": "14", "value": 14, "measured": "members of Daech"},
    {"text": "4", "value": 4, "measured": "high-ranking officials"},
    {"text": "several", "value": 3, "lower": 3, "measured": "attacks"},
    {"text": "three", "value": 3, "measured": "American soldiers"},
    {"text": "40,000", "value": 40000, "kind": "level", "measured": "U.S. troops"},
    {"text": "6,000", "value": 6000, "kind": "change"},
    {"text": "$65 million", "value": 6.5e7, "currency": "USD", "measured": "sale"},
]


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _close(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def _locate(text: str, gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Offsets of each gold span, searching left to right so repeated words map in order."""
    spans, pos = [], 0
    for g in gold:
        start = text.find(g["text"], pos)
        if start < 0:
            raise ValueError(f"gold span {g['text']!r} not in {text!r}")
        spans.append((start, start + len(g["text"])))
        pos = start + 1
    return spans


def _match(pred: list[Any], spans: list[tuple[int, int]]) -> list[tuple[int, Any]]:
    """Greedy one-to-one matching of predicted figures to gold spans by overlap."""
    used: set[int] = set()
    pairs = []
    for gi, (s, e) in enumerate(spans):
        for pi, p in enumerate(pred):
            if pi not in used and p.start < e and s < p.end:
                used.add(pi)
                pairs.append((gi, p))
                break
    return pairs


def score_gold(nlp: Any, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision/recall per family and field accuracies on the own gold sentences."""
    fam: dict[str, dict[str, int]] = {}
    acc = {"value": [0, 0], "bounds": [0, 0], "unit_currency": [0, 0], "measured": [0, 0]}
    errors = []
    for case, doc in zip(cases, nlp.pipe(c["text"] for c in cases)):
        f = fam.setdefault(case["family"], {"tp": 0, "fp": 0, "fn": 0})
        spans = _locate(case["text"], case["figures"])
        pairs = _match(doc._.figures, spans)
        f["tp"] += len(pairs)
        f["fp"] += len(doc._.figures) - len(pairs)
        f["fn"] += len(spans) - len(pairs)
        if len(pairs) != len(spans) or len(doc._.figures) != len(pairs):
            errors.append({"text": case["text"], "predicted": [p.text for p in doc._.figures], "gold": [g["text"] for g in case["figures"]]})
        for gi, p in pairs:
            g = case["figures"][gi]
            checks = {
                "value": _close(p.value, g["value"]),
                "bounds": _close(p.lower, g["lower"]) and _close(p.upper, g["upper"]) and p.approximate == g["approximate"],
                "unit_currency": p.unit == g["unit"] and p.currency == g["currency"],
                "measured": (p.measured or "").lower() == (g["measured"] or "").lower(),
            }
            for name, ok in checks.items():
                acc[name][0] += ok
                acc[name][1] += 1
                if not ok:
                    errors.append({"text": case["text"], "span": p.text, "field": name, "predicted": _field(p, name), "gold": _field(g, name)})
    families = {k: _prf(v) for k, v in sorted(fam.items())}
    total = {k: sum(v[k] for v in fam.values()) for k in ("tp", "fp", "fn")}
    return {
        "cases": len(cases),
        "gold_figures": total["tp"] + total["fn"],
        "overall": _prf(total),
        "families": families,
        "accuracy": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in acc.items()},
        "matched": acc["value"][1],
        "errors": errors,
    }


def _field(x: Any, name: str) -> Any:
    get = (lambda k: x.get(k)) if isinstance(x, dict) else (lambda k: getattr(x, k))
    keys = {"value": ["value"], "bounds": ["lower", "upper", "approximate"], "unit_currency": ["unit", "currency"], "measured": ["measured"]}
    return {k: get(k) for k in keys[name]}


def _prf(c: dict[str, int]) -> dict[str, Any]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return {**c, "precision": round(p, 4), "recall": round(r, 4)}


def score_seed(nlp: Any) -> dict[str, Any]:
    """Every golden seed figure found with the right fields, and nothing else reported."""
    text = SEED.read_text(encoding="utf-8")
    figures = nlp(text)._.figures
    by_text: dict[str, list[Any]] = {}
    for f in figures:
        by_text.setdefault(f.text, []).append(f)
    missing, wrong, seen = [], [], set()
    for g in SEED_GOLD:
        cands = [f for f in by_text.get(g["text"], []) if f.id not in seen]
        if not cands:
            missing.append(g["text"])
            continue
        f = cands[0]
        seen.add(f.id)
        expected = {"lower": None, "upper": None, "approximate": False, "currency": None, "unit": None, **g}
        for k, v in expected.items():
            got = getattr(f, k)
            ok = _close(got, v) if isinstance(v, (int, float)) and not isinstance(v, bool) and got is not None else got == v
            if k == "measured":
                ok = (got or "").lower() == v.lower()
            if not ok:
                wrong.append({"text": g["text"], "field": k, "predicted": got, "gold": v})
    extra = [f.text for f in figures if f.id not in seen]
    return {"gold": len(SEED_GOLD), "found": len(SEED_GOLD) - len(missing), "missing": missing, "wrong": wrong, "extra": extra}


def time_components(nlp: Any, texts: Iterable[str]) -> dict[str, Any]:
    """CPU seconds in the spaCy model's own components and in newsfacts_figures, doc by doc."""
    spacy_s = figures_s = 0.0
    n = 0
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            doc = proc(doc)
            dt = time.process_time() - t0
            if name in SPACY_MODEL_PIPES:
                spacy_s += dt
            elif name == "newsfacts_figures":
                figures_s += dt
        n += 1
    return {"docs": n, "spacy_model_s": round(spacy_s, 3), "figures_s": round(figures_s, 3),
            "figures_over_model": round(figures_s / spacy_s, 4) if spacy_s else None}


def isaf_texts(limit: Optional[int] = None) -> list[str]:
    with open(ISAF, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts[:limit] if limit else texts


def run(nlp: Any, isaf_limit: Optional[int] = None) -> dict[str, Any]:
    result: dict[str, Any] = {"gold": score_gold(nlp, load_gold())}
    if SEED.is_file():
        result["seed"] = score_seed(nlp)
    if ISAF.is_file():
        texts = isaf_texts(isaf_limit)
        for text in texts[:3]:
            nlp(text)  # warm-up
        result["speed"] = time_components(nlp, texts + ([SEED.read_text(encoding="utf-8")] if SEED.is_file() else []))
    return result


def report(result: dict[str, Any]) -> None:
    g = result["gold"]
    print(f"own gold: {g['cases']} sentences, {g['gold_figures']} figures; overall P={g['overall']['precision']:.3f} R={g['overall']['recall']:.3f}")
    print(f"{'family':10} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for name, f in g["families"].items():
        print(f"{name:10} {f['precision']:6.3f} {f['recall']:6.3f} {f['tp']:4} {f['fp']:4} {f['fn']:4}")
    print("accuracy over matched figures:", ", ".join(f"{k}={v}" for k, v in g["accuracy"].items()))
    for e in g["errors"]:
        print("  error:", json.dumps(e, ensure_ascii=False))
    if "seed" in result:
        s = result["seed"]
        print(f"seed: {s['found']}/{s['gold']} golden figures found; wrong fields: {s['wrong']}; extra: {s['extra']}; missing: {s['missing']}")
    if "speed" in result:
        sp = result["speed"]
        print(f"speed on {sp['docs']} docs: spaCy model {sp['spacy_model_s']}s CPU, figures {sp['figures_s']}s "
              f"= {100 * sp['figures_over_model']:.1f}% of the model's time")


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore")
    import pipeline

    result = run(pipeline.load())
    report(result)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
