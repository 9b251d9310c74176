"""Doc and Span extensions that the newsfacts components read and fill.

Registered once, on import. Values are our pydantic models; an srsly msgpack codec below lets
spaCy serialize them, so `nlp.pipe(n_process=N)` and `DocBin` carry them between processes.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import srsly
from spacy.tokens import Doc, Span

from . import models

DOC_EXTENSIONS: dict[str, Any] = {
    "article_id": None,  # set by the caller; ids of figures and events derive from it
    "dct": None,  # document creation time, "YYYY-MM-DD", "YYYY-MM" (release number only) or None
    "times": [],  # list[models.TimeExpr], sorted by start
    "figures": [],  # list[models.Figure], sorted by start
    "events": [],  # list[models.Event], sorted by trigger start
}
SPAN_EXTENSIONS: dict[str, Any] = {"canonical": None, "kb_id": None}


def register() -> None:
    """Register the extensions (idempotent). List defaults are copied per Doc by getters."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None if isinstance(default, list) else default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_TAG = "__newsfacts__"


def _encode(obj: Any, chain: Optional[Callable[[Any], Any]] = None) -> Any:
    if isinstance(obj, models.BaseModel) and type(obj).__module__ == models.__name__:
        return {_TAG: type(obj).__name__, "data": obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Optional[Callable[[Any], Any]] = None) -> Any:
    if isinstance(obj, dict) and _TAG in obj:
        return getattr(models, obj[_TAG]).model_validate(obj["data"])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("newsfacts", func=_encode)
srsly.msgpack_decoders.register("newsfacts", func=_decode)
register()
