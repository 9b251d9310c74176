"""The same run on a Ray cluster: Ray Data reads JSONL, an actor pool runs the pipeline.

Each actor loads the spaCy pipeline once and processes batches of lines with the local
engine's own `extract`, so records are the same as a local run's. The driver streams the
results (in input order) into the same atomic `OutputWriter`, so the output layout is the
local one: `DIR/articles.jsonl`, `DIR/figures.jsonl`, `DIR/events.jsonl`.

Inputs are JSONL paths, directories of them, or any URL pyarrow/fsspec can open (`s3://...`).
Differences from the local engine: `origin` (and a bad line's error record) names the file
but not the line, since Ray Data's line reader does not number lines; duplicate ids across the
input are not detected (that would need a global pass); no `--resume`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence

from ..errors import NewsfactsError
from ..ingest import RawArticle, from_record
from ..run import Summary
from ..writers import Lines, OutputWriter, serialize

BATCH_SIZE = 16
LINES_FIELDS = [field.name for field in fields(Lines)]


class Extractor:
    """A Ray actor: the pipeline loaded once, applied to batches of JSONL lines."""

    def __init__(self, model: Optional[str], published: Optional[str]) -> None:
        from ..nlp import load

        self.nlp = load(model)
        self.published = date.fromisoformat(published) if published else None

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from ..run import extract

        raws = [_parse_line(line, path) for line, path in zip(batch["text"], batch["path"])]
        written = [asdict(serialize(result)) for result in extract(raws, self.nlp, published=self.published)]
        return {name: [lines[name] for lines in written] for name in LINES_FIELDS}


def _parse_line(line: str, path: str) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        error = NewsfactsError("E104", path, reason=f"{exc.msg} at column {exc.colno}")
        return RawArticle(id=f"{Path(path).name}:{abs(hash(line)) % 10**8}", origin=path, error=error)
    return from_record(record, path)


def _plain(value: Any) -> Any:
    """numpy scalars from Ray batches back to Python values."""
    return value.item() if hasattr(value, "item") else value


def actor_count(cluster_cpus: float) -> int:
    """Actors for the pipeline: every CPU but one, which Ray Data's read tasks need.

    A pool that reserves every CPU starves the reads and the run hangs (seen on 2 cores).
    """
    return max(1, int(cluster_cpus) - 1)


def run_ray(
    inputs: Sequence[str],
    out_dir: Path,
    *,
    address: Optional[str] = None,
    model: Optional[str] = None,
    published: Optional[date] = None,
    progress: bool = True,
) -> Summary:
    """Extract JSONL inputs on a Ray cluster (local when `address` is None) into `out_dir`."""
    import ray

    started = time.perf_counter()
    ray.init(address=address, ignore_reinit_error=True, log_to_driver=False, include_dashboard=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = progress
    actors = actor_count(ray.cluster_resources().get("CPU", 1))
    dataset = ray.data.read_text(list(inputs), include_paths=True, file_extensions=["jsonl"]).map_batches(
        Extractor,
        fn_constructor_kwargs={"model": model, "published": published.isoformat() if published else None},
        batch_size=BATCH_SIZE,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
    )
    summary = Summary()
    with OutputWriter(out_dir) as writer:
        for row in dataset.iter_rows():
            lines = Lines(**{name: _plain(row[name]) for name in LINES_FIELDS})
            writer.write(lines)
            summary.add(lines)
    summary.seconds = time.perf_counter() - started
    return summary
