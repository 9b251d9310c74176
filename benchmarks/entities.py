"""What the entity components cost, and what they do, on a few hundred real documents.

Runs the spaCy model alone and the model with `newsfacts_gazetteer` + `newsfacts_entities` on the
ISAF press releases (`isaf-dev/articles.jsonl`) and the TimeBank news texts
(`timebank/timebank_input.jsonl`), and reports:

* end-to-end time with and without the entity components (best of `--repeats` runs each,
  alternated, so that other load on the machine hits both alike) and the overhead in percent;
* the time spent inside each entity component, measured per call, as a share of the model's time
  (robust to load from other processes, unlike the end-to-end figure);
* what they produced: entities, share with a gazetteer canonical or a QID, short mentions
  ("the coalition") linked, and the actors most mentioned.

    python benchmarks/entities.py [--limit N] [--repeats 3] [--out benchmarks/results/entities.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pipeline.components.entities import clean_name  # noqa: E402
SHARED = ROOT.parent / "shared" / "benchmarks"
INPUTS = (SHARED / "isaf-dev" / "articles.jsonl", SHARED / "timebank" / "timebank_input.jsonl")
OUT = ROOT / "benchmarks" / "results" / "entities.json"
ENTITY_COMPONENTS = ("newsfacts_gazetteer", "newsfacts_entities")


def read_texts(paths: Iterable[Path], limit: int) -> list[str]:
    """Article texts from JSONL files (split on "\\n" only: the texts hold U+2028)."""
    texts = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts[:limit] if limit else texts


def run_time(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def profile(nlp, texts: list[str]) -> tuple[dict[str, float], dict]:
    """Seconds spent in each pipe (called one by one on every document), and what the entity
    components produced: entities, share with a gazetteer canonical or a QID, short mentions
    ("the coalition") linked, and the actors most mentioned."""
    from pipeline.components.entities import load_gazetteer

    gazetteer = load_gazetteer()
    shorts = {phrase for entry in gazetteer.entries for phrase in entry.short}
    spent: Counter = Counter()
    counts: Counter = Counter()
    actors: Counter = Counter()
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - start
        for ent in doc.ents:
            assert ent._.canonical, f"entity without canonical: {ent.text!r}"
            in_gazetteer = ent._.canonical in gazetteer.by_canonical
            counts["entities"] += 1
            counts["gazetteer_canonical"] += in_gazetteer
            counts["with_qid"] += ent._.kb_id is not None
            counts["short_mentions_linked"] += in_gazetteer and clean_name(ent.text).lower() in shorts
            if in_gazetteer and ent.label_ not in ("GPE", "LOC", "NORP"):
                actors[ent._.canonical] += 1
    return dict(spent), {**counts, "top_actors": actors.most_common(15)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import spacy

    from pipeline.nlp import add_components, load_model

    texts = read_texts(INPUTS, args.limit)
    base = load_model()
    with_entities = add_components(load_model(), ENTITY_COMPONENTS)
    run_time(base, texts[:20]), run_time(with_entities, texts[:20])  # warm-up
    base_runs, entity_runs = [], []
    for _ in range(args.repeats):
        base_runs.append(run_time(base, texts))
        entity_runs.append(run_time(with_entities, texts))
    base_s, entity_s = min(base_runs), min(entity_runs)
    per_pipe, produced = profile(with_entities, texts)
    model_s = sum(t for name, t in per_pipe.items() if name not in ENTITY_COMPONENTS)
    ours_s = sum(per_pipe.get(name, 0.0) for name in ENTITY_COMPONENTS)
    result = {
        "documents": len(texts),
        "characters": sum(map(len, texts)),
        "spacy": spacy.__version__,
        "model": f"{base.meta['lang']}_{base.meta['name']}-{base.meta['version']}",
        "end_to_end": {
            "model_only_s": round(base_s, 3),
            "with_entities_s": round(entity_s, 3),
            "overhead_pct": round(100 * (entity_s - base_s) / base_s, 2),
            "runs_model_only_s": [round(t, 3) for t in base_runs],
            "runs_with_entities_s": [round(t, 3) for t in entity_runs],
        },
        "per_component": {
            "model_s": round(model_s, 3),
            **{f"{name}_s": round(per_pipe.get(name, 0.0), 4) for name in ENTITY_COMPONENTS},
            "overhead_pct": round(100 * ours_s / model_s, 2),
        },
        "outputs": produced,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
