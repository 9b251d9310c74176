"""The command line only: parse arguments, call the run, print the summary.

Exit status: 0 when every article succeeded, 1 when some failed (each has an error record),
2 for usage errors (bad flags, missing inputs, no model), 130 when interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from .errors import NewsfactsError

if TYPE_CHECKING:
    from .run import Summary

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfacts", description="Grounded events and figures from news articles.")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="run the pipeline on articles")
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md/.html/.jsonl files, directories, or - for JSONL on stdin")
    extract.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory")
    extract.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD", help="fallback document date")
    extract.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm)")
    extract.add_argument("--jobs", type=_positive, default=1, metavar="N", help="worker processes (default 1)")
    extract.add_argument("--resume", action="store_true", help="continue an interrupted run, skipping articles already written")
    extract.add_argument("--max-chars", type=_positive, default=None, metavar="N", help="longest article accepted (default 50,000,000)")
    extract.add_argument("--time-budget", type=float, default=None, metavar="SECONDS", help="longest time one article may take (default 120; 0 for none)")
    extract.add_argument("--engine", choices=("local", "ray"), default="local", help="local processes, or a Ray cluster (JSONL inputs)")
    extract.add_argument("--ray-address", metavar="ADDR", help="Ray cluster to join (default: start a local one)")
    extract.add_argument("--quiet", action="store_true", help="no progress bar")

    schema = commands.add_parser("schema", help="write the JSON Schema of the output")
    schema.add_argument("--out", required=True, type=Path, metavar="DIR")

    evaluate = commands.add_parser("eval", help="score an output directory against golden facts")
    evaluate.add_argument("output", type=Path, metavar="OUTPUT_DIR")
    evaluate.add_argument("--gold", required=True, type=Path, metavar="DIR", help="directory with gold/*.json")
    evaluate.add_argument("--report", type=Path, metavar="FILE", help="JSON report (default OUTPUT_DIR/eval.json)")
    evaluate.add_argument("--baseline", type=Path, metavar="FILE", help="minimum scores (default GOLD/baseline.json)")
    evaluate.add_argument("--html", type=Path, metavar="FILE", help="also write gold-vs-system diff as HTML")

    report = commands.add_parser("report", help="write a self-contained HTML report of an output directory")
    report.add_argument("output", type=Path, metavar="OUTPUT_DIR")
    report.add_argument("--out", type=Path, metavar="FILE", help="HTML file (default OUTPUT_DIR/report.html)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"extract": _extract, "schema": _schema, "eval": _eval, "report": _report}[args.command](args)
    except NewsfactsError as exc:
        print(f"newsfacts: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _extract(args: argparse.Namespace) -> int:
    from .nlp import load
    from .run import run

    if args.engine == "ray":
        return _extract_ray(args)
    missing = [item for item in args.inputs if item != "-" and not Path(item).exists()]
    if missing:
        raise NewsfactsError("E111", path=", ".join(missing))
    nlp = load(args.model)
    limits = {"max_chars": args.max_chars} if args.max_chars else {}
    if args.time_budget is not None:
        limits["time_budget"] = args.time_budget or None
    try:
        summary = run(args.inputs, args.out, nlp, published=args.published, jobs=args.jobs, resume=args.resume, progress=not args.quiet, **limits)
    except KeyboardInterrupt:
        print(f"newsfacts: interrupted; finished articles are kept in {args.out}/.partial/, continue with --resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    return _finish(summary, args.out)


def _extract_ray(args: argparse.Namespace) -> int:
    from .engines.ray import run_ray

    if "-" in args.inputs or args.resume:
        raise NewsfactsError("E114")
    summary = run_ray(args.inputs, args.out, address=args.ray_address, model=args.model, published=args.published, progress=not args.quiet)
    return _finish(summary, args.out)


def _finish(summary: "Summary", out: Path) -> int:
    for line in summary.lines():
        print(line)
    print(f"output: {out}/articles.jsonl, figures.jsonl, events.jsonl")
    return EXIT_FAILED if summary.failed else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_dir

    passed = evaluate_dir(args.gold, args.output, report_path=args.report, baseline_path=args.baseline, html_path=args.html)
    return EXIT_OK if passed else EXIT_FAILED


def _report(args: argparse.Namespace) -> int:
    from .report import write_report

    target = write_report(args.output, args.out or args.output / "report.html")
    print(f"report: {target}")
    return EXIT_OK
