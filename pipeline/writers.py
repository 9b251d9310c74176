"""Crash-safe, resumable JSONL output: readers never see a half-written file.

Records go to `DIR/.partial/*.jsonl` as the run proceeds, each line in one `write` call, an
article's figures and events before its own line: the article line is the commit mark. Only
when the run ends are the partial files renamed over `DIR/*.jsonl`, so an interrupted run
leaves the previous output intact. `resume=True` picks the partial files up again: articles
whose line is there are done (by id and content hash); figures and events of an article that
never got its line are dropped, and a torn last line is cut off.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Callable, Optional

from pydantic import BaseModel

from .models import RECORDS
from .records import Result

PARTIAL = ".partial"


def dumps(record: BaseModel) -> str:
    """One JSON line; field order follows the model, so output is byte-for-byte stable.

    U+2028 and U+2029 are escaped: they are valid in JSON strings, but `str.splitlines()` and
    some JSONL readers take them for line breaks.
    """
    line = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@dataclass(frozen=True)
class Lines:
    """One article's output as written: its line, its figure and event lines (each ending in a
    newline), and the counts a summary needs. Workers send these, not models, to the writer."""

    article_id: str
    content_hash: str
    ok: bool
    words: int
    entities: int
    times: int
    figure_count: int
    event_count: int
    article: str
    figures: str
    events: str


def serialize(result: Result) -> Lines:
    article = result.article
    return Lines(
        article_id=article.id,
        content_hash=article.content_hash or "",
        ok=result.ok,
        words=len(article.text.split()) if result.ok else 0,
        entities=len(article.entities),
        times=len(article.times),
        figure_count=len(result.figures),
        event_count=len(result.events),
        article=dumps(article),
        figures="".join(dumps(figure) + "\n" for figure in result.figures),
        events="".join(dumps(event) + "\n" for event in result.events),
    )


class OutputWriter:
    """Writes `articles.jsonl`, `figures.jsonl` and `events.jsonl` under `out_dir`."""

    def __init__(self, out_dir: Path, resume: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.partial_dir = self.out_dir / PARTIAL
        self.resume = resume
        self.done: set[tuple[str, str]] = set()
        self._fds: dict[str, int] = {}

    def __enter__(self) -> "OutputWriter":
        if self.resume:
            self._recover()
        else:
            shutil.rmtree(self.partial_dir, ignore_errors=True)
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        for stem in RECORDS:
            path = self.partial_dir / f"{stem}.jsonl"
            self._fds[stem] = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        return self

    def is_done(self, article_id: str, content_hash: Optional[str]) -> bool:
        return (article_id, content_hash or "") in self.done

    def write(self, lines: Lines) -> None:
        """Write one article's lines, its facts before its own line (the commit mark)."""
        for stem, block in (("figures", lines.figures), ("events", lines.events)):
            if block:
                os.write(self._fds[stem], block.encode("utf-8"))
        os.write(self._fds["articles"], (lines.article + "\n").encode("utf-8"))
        self.done.add((lines.article_id, lines.content_hash))

    def __exit__(
        self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        for fd in self._fds.values():
            if exc_type is None:
                os.fsync(fd)
            os.close(fd)
        if exc_type is not None:
            return  # keep the partial files: `--resume` continues from them
        for stem in RECORDS:
            os.replace(self.partial_dir / f"{stem}.jsonl", self.out_dir / f"{stem}.jsonl")
        self.partial_dir.rmdir()

    def _recover(self) -> None:
        """Load what an interrupted (or finished) run wrote, keeping whole articles only."""
        if not self.partial_dir.exists():
            finals = [self.out_dir / f"{stem}.jsonl" for stem in RECORDS]
            if not all(path.exists() for path in finals):
                return
            self.partial_dir.mkdir(parents=True)
            for path in finals:
                shutil.copyfile(path, self.partial_dir / path.name)
        done_ids: set[str] = set()

        def remember(line: str) -> bool:
            record = json.loads(line)
            done_ids.add(record["id"])
            self.done.add((record["id"], record.get("content_hash") or ""))
            return True

        _filter_lines(self.partial_dir / "articles.jsonl", remember)
        for stem in ("figures", "events"):
            _filter_lines(self.partial_dir / f"{stem}.jsonl", lambda line: json.loads(line)["article_id"] in done_ids)


def _filter_lines(path: Path, keep: Callable[[str], bool]) -> None:
    """Rewrite a JSONL file with its whole, parseable lines that `keep` accepts, streaming.

    A line without its newline, or that does not parse, is a torn tail: it and anything
    after it are dropped.
    """
    if not path.exists():
        return
    temp = path.with_name(path.name + ".tmp")
    with path.open("rb") as source, temp.open("wb") as target:
        for raw in source:
            if not raw.endswith(b"\n"):
                break
            line = raw.decode("utf-8", errors="replace")
            try:
                accepted = keep(line)
            except json.JSONDecodeError:
                break
            if accepted:
                target.write(raw)
    os.replace(temp, path)
