"""Atomic JSONL output: readers never see a half-written file.

Each output file is written to a temporary file in the same directory and renamed over the
final name only when the whole run has succeeded, so an interrupted run leaves the previous
output intact and no partial lines anywhere.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Optional

from pydantic import BaseModel

from .models import RECORDS
from .records import Result


def dumps(record: BaseModel) -> str:
    """One JSON line; field order follows the model, so output is byte-for-byte stable."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


class OutputWriter:
    """Writes `articles.jsonl`, `figures.jsonl` and `events.jsonl` under `out_dir` atomically."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self._files: dict[str, IO[str]] = {}
        self._temp_paths: dict[str, Path] = {}

    def __enter__(self) -> "OutputWriter":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for stem in RECORDS:
            fd, temp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".jsonl.tmp", dir=self.out_dir)
            self._files[stem] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
            self._temp_paths[stem] = Path(temp)
        return self

    def write(self, result: Result) -> None:
        self._files["articles"].write(dumps(result.article) + "\n")
        for figure in result.figures:
            self._files["figures"].write(dumps(figure) + "\n")
        for event in result.events:
            self._files["events"].write(dumps(event) + "\n")

    def __exit__(
        self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        for handle in self._files.values():
            if exc_type is None:
                handle.flush()
                os.fsync(handle.fileno())
            handle.close()
        for stem, temp in self._temp_paths.items():
            if exc_type is None:
                os.replace(temp, self.out_dir / f"{stem}.jsonl")
            else:
                temp.unlink(missing_ok=True)
