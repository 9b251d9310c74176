"""Split long texts into paragraph-aligned chunks, and shift facts back to article offsets.

spaCy's parser needs memory in proportion to the Doc, and refuses texts over `max_length`.
A long article is cut where a paragraph ends (else a line, a sentence, a space) and each
chunk goes through the pipeline as its own Doc; every span of its facts is then moved by the
chunk's offset, so `text[start:end] == span.text` holds in the whole article.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, TypeVar

from pydantic import BaseModel

#: Chunk size in characters; about 20 pages of news text, a few hundred MB of parser memory.
CHUNK_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))

M = TypeVar("M", bound=BaseModel)


def split_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Yield `(offset, chunk)` pairs covering `text` exactly, each at most `size` long."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _cut(text: str, start: int, limit: int) -> int:
    """The best break in the second half of the window: paragraph, line, sentence, space."""
    window_start = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, window_start, limit):
            pass
        if last is not None:
            return last.end()
    return limit


def shift(model: M, offset: int, article_id: str) -> M:
    """The same fact with every span moved by `offset` and `article_id` set to the article's."""
    if offset == 0:
        return model
    return type(model).model_validate(_shift(model.model_dump(), offset, article_id))


def _shift(value: Any, offset: int, article_id: str) -> Any:
    if isinstance(value, list):
        return [_shift(item, offset, article_id) for item in value]
    if not isinstance(value, dict):
        return value
    moved = {key: _shift(item, offset, article_id) for key, item in value.items()}
    if {"start", "end", "text"} <= moved.keys():
        moved["start"] += offset
        moved["end"] += offset
    if "article_id" in moved:
        moved["article_id"] = article_id
    return moved
