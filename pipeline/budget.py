"""A per-article time budget, so one pathological input cannot stall a run.

Docs go through `nlp.pipe` in batches under an alarm of `budget x batch size` seconds. When
a batch runs over, its docs are redone one at a time, each under its own `budget`, and the
ones that still run over are reported to `on_timeout` and dropped (the run gives them an
error record). The alarm is SIGALRM, so the budget holds where docs are processed in a main
thread: one process, or each `--jobs N` worker process. Elsewhere (a thread of a host
application, a Ray actor's worker thread, `nlp.pipe(n_process=N)`) docs go through unguarded.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

C = TypeVar("C")


class BudgetExceeded(BaseException):
    """Raised inside the pipeline by the alarm; a BaseException so that spaCy's error
    handling (which catches Exception) lets it through to us."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def can_enforce() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def pipe_with_budget(
    nlp: Language,
    docs: Iterable[tuple[Doc, C]],
    batch_size: int,
    budget: float,
    on_timeout: Callable[[Doc, C], None],
) -> Iterator[tuple[Doc, C]]:
    """`nlp.pipe(docs, as_tuples=True)` in order, minus the docs that exceed `budget` seconds."""
    stream = iter(docs)
    while batch := list(islice(stream, batch_size)):
        try:
            with time_limit(budget * len(batch)):
                done = list(nlp.pipe(batch, as_tuples=True, batch_size=batch_size))
        except BudgetExceeded:
            done = list(_one_by_one(nlp, batch, budget, on_timeout))
        yield from done


def _one_by_one(nlp: Language, batch: list[tuple[Doc, C]], budget: float, on_timeout: Callable[[Doc, C], None]) -> Iterator[tuple[Doc, C]]:
    for doc, context in batch:
        fresh = _fresh_copy(nlp, doc)
        try:
            with time_limit(budget):
                yield nlp(fresh), context
        except BudgetExceeded:
            on_timeout(doc, context)


def _fresh_copy(nlp: Language, doc: Doc) -> Doc:
    """A new Doc of the same text and extensions: the timed-out run may have half-annotated
    the old one (and preset entities would steer the NER)."""
    fresh = nlp.make_doc(doc.text)
    fresh._.article_id = doc._.article_id
    fresh._.dct = doc._.dct
    return fresh
