"""Files, HTML and JSONL in; `RawArticle`s out, one per article, in a deterministic order.

Ingestion never raises for bad input: an unreadable file, invalid UTF-8, a malformed JSONL
line or a missing `text` becomes a `RawArticle` carrying a `NewsfactsError`, which the run
turns into an error record while every other article goes on. Everything streams: a JSONL
file is read line by line, so its size does not bound memory.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from .errors import NewsfactsError

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
METADATA_FIELDS = ("title", "published", "url", "source")
#: A control-character share above this marks a file as binary rather than text.
BINARY_CONTROL_SHARE = 0.05


@dataclass
class RawArticle:
    """An article as read, before any NLP: its text and metadata, or the error that stopped it."""

    id: str
    text: str = ""
    origin: str = ""
    title: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    error: Optional[NewsfactsError] = None
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_inputs(inputs: Iterable[str]) -> Iterator[RawArticle]:
    """Yield the articles of every input: files, directories (recursive, sorted) or '-'."""
    seen: dict[str, str] = {}
    for item in inputs:
        for article in _read_input(item):
            _check_duplicate(article, seen)
            yield article


def _read_input(item: str) -> Iterator[RawArticle]:
    if item == "-":
        yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
        return
    path = Path(item)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED):
            yield from read_file(child)
    elif path.exists():
        yield from read_file(path)
    else:
        raise NewsfactsError("E111", path=item)


def read_file(path: Path) -> Iterator[RawArticle]:
    """Yield the article(s) of one file; its suffix says how to read it."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as stream:
                yield from read_jsonl_stream(stream, str(path))
        except OSError as exc:
            yield _failed(path.stem, str(path), NewsfactsError("E101", str(path), path=path, reason=exc.strerror))
        return
    if suffix not in SUPPORTED:
        raise NewsfactsError("E110", path=path)
    try:
        text = decode_text(path.read_bytes(), str(path))
    except OSError as exc:
        yield _failed(path.stem, str(path), NewsfactsError("E101", str(path), path=path, reason=exc.strerror))
        return
    except NewsfactsError as exc:
        yield _failed(path.stem, str(path), exc)
        return
    if suffix in HTML_SUFFIXES:
        yield _from_html(path, text)
    else:
        yield _from_text(path, text)


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 (a BOM is dropped); binary data and invalid UTF-8 are errors, never guessed at."""
    if b"\x00" in data[:8192]:
        raise NewsfactsError("E108", where, reason="it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NewsfactsError("E102", where, offset=exc.start) from None
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        raise NewsfactsError("E108", where, reason=f"{controls} control characters in the first {len(sample)}")
    return text


def _from_text(path: Path, text: str) -> RawArticle:
    meta, body = split_front_matter(text)
    article = RawArticle(id=str(meta.pop("id", path.stem)), text=body, origin=str(path))
    _apply_metadata(article, meta)
    return _check_text(article)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines from the body.

    Only flat string values are supported (title, published, url, source, id): enough for
    article metadata without a YAML dependency.
    """
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[end + len("\n---\n") :]


def _from_html(path: Path, html: str) -> RawArticle:
    import trafilatura  # imported here: only HTML input pays for it
    from htmldate import find_date

    where = str(path)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body:
        return _failed(path.stem, where, NewsfactsError("E109", where))
    article = RawArticle(id=path.stem, text=body, origin=where, title=getattr(extracted, "title", None))
    article.url = getattr(extracted, "url", None)
    article.source = getattr(extracted, "sitename", None)
    article.published = find_date(html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    return _check_text(article)


def read_jsonl_stream(stream: IO[bytes], where: str) -> Iterator[RawArticle]:
    """One article per line, decoded line by line: a bad line (invalid UTF-8, broken JSON,
    no `text`) is an error record naming `file:line`, and the lines after it still count."""
    for lineno, raw_line in enumerate(stream, start=1):
        line_where = f"{where}:{lineno}"
        try:
            line = raw_line.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _failed(_fallback_id(line_where), line_where, NewsfactsError("E102", line_where, offset=exc.start))
            continue
        if line.strip():
            yield _from_jsonl_line(line, line_where)


def _from_jsonl_line(line: str, where: str) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        error = NewsfactsError("E104", where, reason=f"{exc.msg} at column {exc.colno}")
        return _failed(_fallback_id(where), where, error)
    return from_record(record, where)


def from_record(record: object, where: str) -> RawArticle:
    """An article from a mapping with `id`, `text` and optional metadata (JSONL or the API)."""
    fallback_id = _fallback_id(where)
    if not isinstance(record, dict):
        return _failed(fallback_id, where, NewsfactsError("E105", where, kind=type(record).__name__))
    raw_id = record.get("id", fallback_id)
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
        return _failed(fallback_id, where, NewsfactsError("E107", where, kind=type(raw_id).__name__))
    text = record.get("text")
    if not isinstance(text, str):
        problem = "missing" if text is None else f"a {type(text).__name__}, not a string"
        return _failed(str(raw_id), where, NewsfactsError("E106", where, problem=problem))
    article = RawArticle(id=str(raw_id), text=text, origin=where)
    _apply_metadata(article, record)
    return _check_text(article)


def _fallback_id(where: str) -> str:
    """An id for a record that has none: its file name and line, which are stable."""
    return where.replace("\\", "/").rsplit("/", 1)[-1]


def _apply_metadata(article: RawArticle, meta: dict) -> None:
    for name in METADATA_FIELDS:
        value = meta.get(name)
        if value is not None and value != "":
            setattr(article, name, str(value))


def _check_text(article: RawArticle) -> RawArticle:
    if not article.text.strip():
        article.error = NewsfactsError("E103", article.origin)
    return article


def _check_duplicate(article: RawArticle, seen: dict[str, str]) -> None:
    first = seen.setdefault(article.id, article.origin)
    if first != article.origin and article.error is None:
        article.error = NewsfactsError("E112", article.origin, id=article.id, first=first)


def _failed(article_id: str, where: str, error: NewsfactsError) -> RawArticle:
    return RawArticle(id=article_id, origin=where, error=error)
