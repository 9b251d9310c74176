"""Throughput of the full newsfacts pipeline against the bare spaCy model, and scale-out.

Corpus: the seed (corpus/) plus every document in ../shared/benchmarks (TimeBank+AQUAINT and
isaf-dev): 457 real articles. Each measurement runs in a fresh process (so peak memory is its
own) with the model loaded before the clock starts:

- bare: the spaCy model alone through `nlp.pipe` (the ceiling for this stack);
- full: `newsfacts extract` on the same articles, JSONL output written;
- both with --jobs 1 and 2; and the full pipeline on 10x the input, for memory flatness.

Prints a table and writes benchmarks/results/throughput.json. `--profile` also writes a
pyinstrument profile of the full pipeline to benchmarks/results/throughput_profile.txt.

    python benchmarks/throughput.py [--skip-memory] [--profile]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
RESULTS = ROOT / "benchmarks" / "results"


def corpus_records() -> list[dict]:
    """The seed plus the shared benchmark documents, as pipeline input records."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import read_inputs

    records = [{"id": a.id, "text": a.text} for a in read_inputs([str(ROOT / "corpus")])]
    for path in (SHARED / "timebank" / "timebank_input.jsonl", SHARED / "isaf-dev" / "articles.jsonl"):
        with path.open(encoding="utf-8") as stream:
            records += [json.loads(line) for line in stream if line.strip()]
    return records


def write_input(records: list[dict], path: Path, repeat: int = 1) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for copy in range(repeat):
            for record in records:
                stream.write(json.dumps({**record, "id": f"{record['id']}#{copy}" if copy else record["id"]}) + "\n")


def child(mode: str, source: Path, jobs: int) -> dict:
    """One measurement in this process: words/s and peak memory."""
    sys.path.insert(0, str(ROOT))
    with source.open(encoding="utf-8") as stream:
        words = sum(len(json.loads(line)["text"].split()) for line in stream)
    if mode == "bare":
        from pipeline.nlp import load_model

        nlp = load_model()
        started = time.perf_counter()
        with source.open(encoding="utf-8") as stream:
            texts = (json.loads(line)["text"] for line in stream)
            for _ in nlp.pipe(texts, batch_size=16, n_process=jobs):
                pass
    else:
        from pipeline.nlp import load
        from pipeline.run import run

        nlp = load()
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            run([str(source)], Path(out), nlp, jobs=jobs, progress=False)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mode": mode, "jobs": jobs, "words": words, "seconds": round(seconds, 2), "words_per_second": round(words / seconds), "peak_rss_mb": round(max(rss, children))}


def measure(mode: str, source: Path, jobs: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", mode, "--input", str(source), "--jobs", str(jobs)], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {mode:5s} jobs={jobs} {result['words']:>9,} words {result['seconds']:>7.1f}s {result['words_per_second']:>8,} words/s  peak {result['peak_rss_mb']:,} MB", flush=True)
    return result


def profile(source: Path, target: Path) -> None:
    from pyinstrument import Profiler

    sys.path.insert(0, str(ROOT))
    from pipeline.nlp import load
    from pipeline.run import run

    nlp = load()
    with tempfile.TemporaryDirectory() as out, Profiler() as profiler:
        run([str(source)], Path(out), nlp, progress=False)
    target.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", choices=("bare", "full"), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--skip-memory", action="store_true", help="skip the 10x-input memory run")
    parser.add_argument("--profile", action="store_true", help="write a pyinstrument profile of the full pipeline")
    parser.add_argument("--limit", type=int, help="use only the first N articles (a quick check)")
    parser.add_argument("--out", type=Path, default=RESULTS / "throughput.json")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.input, args.jobs)))
        return

    records = corpus_records()[: args.limit]
    print(f"corpus: {len(records)} articles (seed + ../shared/benchmarks)")
    with tempfile.TemporaryDirectory() as tmp:
        once, tenfold = Path(tmp) / "x1.jsonl", Path(tmp) / "x10.jsonl"
        write_input(records, once)
        runs = {f"{mode}_jobs{jobs}": measure(mode, once, jobs) for jobs in (1, 2) for mode in ("bare", "full")}
        if not args.skip_memory:
            write_input(records, tenfold, repeat=10)
            runs["full_jobs1_x10"] = measure("full", tenfold, 1)
        if args.profile:
            profile(once, RESULTS / "throughput_profile.txt")
    summary = {
        "articles": len(records),
        "full_vs_bare_jobs1": round(runs["full_jobs1"]["words_per_second"] / runs["bare_jobs1"]["words_per_second"], 3),
        "full_vs_bare_jobs2": round(runs["full_jobs2"]["words_per_second"] / runs["bare_jobs2"]["words_per_second"], 3),
        "full_jobs2_speedup": round(runs["full_jobs2"]["words_per_second"] / runs["full_jobs1"]["words_per_second"], 3),
        "bare_jobs2_speedup": round(runs["bare_jobs2"]["words_per_second"] / runs["bare_jobs1"]["words_per_second"], 3),
    }
    if "full_jobs1_x10" in runs:
        summary["peak_memory_x10_vs_x1"] = round(runs["full_jobs1_x10"]["peak_rss_mb"] / runs["full_jobs1"]["peak_rss_mb"], 3)
    print()
    for name, value in summary.items():
        print(f"  {name:24s} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "runs": runs}, indent=1) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
