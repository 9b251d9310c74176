"""ingest → nlp.pipe → records → writers: the only orchestrator.

Articles stream through `nlp.pipe` in input order; articles that failed ingestion bypass the
model and come out as error records in their place, so the output order always equals the
input order and no article is silently dropped. Long articles go through in chunks
(`chunks.py`), so memory stays bounded whatever the input.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from .budget import can_enforce, pipe_with_budget
from .chunks import CHUNK_CHARS, split_chunks
from .errors import NewsfactsError
from .ingest import RawArticle, from_record, read_inputs
from .models import Article, Dct, ModelInfo
from .records import Result, article_base, doc_result, error_result, resolve_dct
from .writers import Lines, OutputWriter, serialize

#: Articles over this many characters get an error record (E113); `--max-chars` changes it.
MAX_CHARS = 50_000_000
#: Seconds one Doc (an article, or a chunk of a long one) may take; `--time-budget` changes it.
TIME_BUDGET = 120.0


@dataclass
class Summary:
    """What a run did, for the closing lines of the CLI."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    facts: Counter = field(default_factory=Counter)

    def add(self, lines: Lines) -> None:
        if not lines.ok:
            self.failed += 1
            return
        self.ok += 1
        self.words += lines.words
        self.facts.update(entities=lines.entities, times=lines.times, figures=lines.figure_count, events=lines.event_count)

    def lines(self) -> list[str]:
        rate = self.words / self.seconds if self.seconds else 0.0
        facts = ", ".join(f"{count} {kind}" for kind, count in sorted(self.facts.items()))
        resumed = f", {self.skipped} already done (resumed)" if self.skipped else ""
        return [
            f"articles: {self.ok} ok, {self.failed} failed{resumed}",
            f"facts: {facts or 'none'}",
            f"speed: {self.words} words in {self.seconds:.1f}s ({rate:,.0f} words/s)",
        ]


@dataclass
class _Item:
    """An article on its way through the pipeline: its chunk Docs, or its finished result."""

    index: int
    raw: RawArticle
    base: Article
    docs: list[tuple[int, Doc]] = field(default_factory=list)
    done: Optional[Result] = None


def extract(
    articles: Iterable[Union[RawArticle, dict]],
    nlp: Optional[Language] = None,
    *,
    published: Optional[date] = None,
    jobs: int = 1,
    batch_size: int = 16,
    max_chars: int = MAX_CHARS,
    chunk_chars: int = CHUNK_CHARS,
    time_budget: Optional[float] = TIME_BUDGET,
) -> Iterator[Result]:
    """Yield one `Result` per article, in input order.

    `articles` are `RawArticle`s (from `ingest`) or dicts with `id`, `text` and optional
    `title`, `published`, `url`, `source`. `published` is the fallback document date.
    A component that raises on one article costs that article an error record (E201).
    Articles longer than `chunk_chars` go through in paragraph-aligned chunks; a chunk that
    takes longer than `time_budget` seconds costs its article an error record (E202).
    """
    if nlp is None:
        from .nlp import load

        nlp = load()
    model = model_info(nlp)
    failures: dict[str, NewsfactsError] = {}
    # Our components are plain callables, so spaCy routes their exceptions here
    # (nlp.set_error_handler fails on the Cython parser in spaCy 3.8).
    nlp.default_error_handler = _remember_failure(failures)
    pending: deque[_Item] = deque()

    def to_docs() -> Iterator[tuple[Doc, tuple[int, int]]]:
        for index, entry in enumerate(articles):
            raw = entry if isinstance(entry, RawArticle) else from_record(entry, f"<record {index}>")
            item = _prepare(index, raw, published, model, max_chars)
            pending.append(item)
            if item.done is None:
                chunks = list(split_chunks(raw.text, chunk_chars))
                for number, (offset, chunk) in enumerate(chunks):
                    yield _make_doc(nlp, raw, item.base, chunk, number), (index, offset, len(chunks))

    if time_budget and jobs == 1 and can_enforce():

        def on_timeout(doc: Doc, context: tuple[int, int, int]) -> None:
            article_id = str(doc._.article_id).split("~")[0]
            failures[article_id] = NewsfactsError("E202", article_id, seconds=time_budget, chars=len(doc.text))

        processed = pipe_with_budget(nlp, to_docs(), batch_size, time_budget, on_timeout)
    else:
        processed = nlp.pipe(to_docs(), as_tuples=True, batch_size=batch_size, n_process=jobs)
    for doc, (key, offset, count) in processed:
        while pending and pending[0].index != key:
            item = pending.popleft()
            yield item.done or _failed_in_pipeline(item, failures)
        if not pending:
            break
        item = pending[0]
        item.docs.append((offset, doc))
        if len(item.docs) == count:
            pending.popleft()
            yield doc_result(item.base, item.docs)
    while pending:
        item = pending.popleft()
        yield item.done or _failed_in_pipeline(item, failures)


def model_info(nlp: Language) -> ModelInfo:
    """The spaCy model's name and version, written into every record (PITFALLS: spaCy offline)."""
    return ModelInfo(name=f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}", version=str(nlp.meta.get("version", "0")))


def _prepare(index: int, raw: RawArticle, published: Optional[date], model: ModelInfo, max_chars: int) -> _Item:
    if raw.error is not None:
        base = article_base(raw, Dct(), [], None)
        return _Item(index, raw, base, done=error_result(raw, raw.error, base))
    dct, warnings = resolve_dct(raw, published)
    base = article_base(raw, dct, warnings, model)
    if len(raw.text) > max_chars:
        error = NewsfactsError("E113", raw.origin, size=len(raw.text), limit=max_chars)
        return _Item(index, raw, base, done=error_result(raw, error, base))
    return _Item(index, raw, base)


def _make_doc(nlp: Language, raw: RawArticle, base: Article, text: str, number: int) -> Doc:
    """A Doc for one chunk; later chunks get their own id prefix so fact ids stay unique."""
    doc = nlp.make_doc(text)
    doc._.article_id = raw.id if number == 0 else f"{raw.id}~{number}"
    doc._.dct = base.dct.value
    return doc


def _remember_failure(failures: dict[str, NewsfactsError]) -> Callable[..., None]:
    """A spaCy error handler: note why a Doc failed, so its error record can say it.

    In worker processes (--jobs > 1) the note stays in the worker; the record then says only
    that the article produced no output, and the worker prints the exception to stderr.
    """

    def handler(name: str, component: object, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            article_id = str(doc._.article_id).split("~")[0]
            failures[article_id] = NewsfactsError("E201", article_id, exc_type=type(exc).__name__, exc=f"{exc} (in {name})")
        print(f"newsfacts: {name} failed on {[d._.article_id for d in docs]}: {exc!r}", file=sys.stderr)

    return handler


def _failed_in_pipeline(item: _Item, failures: dict[str, NewsfactsError]) -> Result:
    error = failures.get(item.raw.id) or NewsfactsError("E201", exc_type="PipelineError", exc="the pipeline produced no output for it")
    error.where = item.raw.origin
    return error_result(item.raw, error, item.base)


def run(
    inputs: Iterable[str],
    out_dir: Path,
    nlp: Optional[Language] = None,
    *,
    published: Optional[date] = None,
    jobs: int = 1,
    max_chars: int = MAX_CHARS,
    time_budget: Optional[float] = TIME_BUDGET,
    resume: bool = False,
    progress: bool = True,
) -> Summary:
    """Extract every input into `out_dir` (articles/figures/events.jsonl).

    Output appears atomically at the end (see `writers.py`); with `resume`, articles an
    interrupted run already wrote are skipped. The progress bar goes to stderr, and only when
    it is a terminal.
    """
    from tqdm import tqdm

    summary = Summary()
    started = time.perf_counter()
    with OutputWriter(out_dir, resume=resume) as writer:

        def todo() -> Iterator[RawArticle]:
            for raw in read_inputs(inputs):
                if writer.is_done(raw.id, raw.content_hash if raw.text else None):
                    summary.skipped += 1
                else:
                    yield raw

        options = {"published": published, "max_chars": max_chars, "time_budget": time_budget}
        if jobs > 1:
            written = extract_parallel(todo(), nlp, jobs, **options)
        else:
            written = (serialize(result) for result in extract(todo(), nlp, **options))
        for lines in tqdm(written, desc="articles", unit="art", file=sys.stderr, disable=None if progress else True, mininterval=0.5):
            writer.write(lines)
            summary.add(lines)
    summary.seconds = time.perf_counter() - started
    return summary


#: The pipeline a forked worker inherits (set just before the pool forks).
_WORKER_NLP: Optional[Language] = None


def extract_parallel(articles: Iterable[RawArticle], nlp: Optional[Language], jobs: int, batch_size: int = 16, **options: Any) -> Iterator[Lines]:
    """Serialized results in input order from `jobs` forked workers.

    Workers inherit the loaded pipeline (loaded once, shared copy-on-write) and do everything
    but the writing: Docs, records and JSON. The parent only reads input and writes lines, so
    it stays out of the workers' way; at most `3 x jobs` batches are in flight, so memory does
    not grow with the input. Each worker enforces the time budget in its own main thread. A
    worker that dies (killed, out of memory) stops the run with BrokenProcessPool rather than
    hanging it; what was written so far stays resumable.
    """
    global _WORKER_NLP
    if nlp is None:
        from .nlp import load

        nlp = load()
    _WORKER_NLP = nlp
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        in_flight: deque[Future] = deque()
        stream = iter(articles)
        while batch := list(islice(stream, batch_size)):
            in_flight.append(pool.submit(_work, batch, options))
            if len(in_flight) >= 3 * jobs:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _work(batch: list[RawArticle], options: dict[str, Any]) -> list[Lines]:
    return [serialize(result) for result in extract(batch, _WORKER_NLP, **options)]
