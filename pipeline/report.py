"""Self-contained HTML views of an output directory: the report and the gold-vs-system diff.

Analysts check extraction by looking at it: each article's text with every grounded span
highlighted and its normalized record one hover away (after displaCy and LangExtract), a
sortable events table, a corpus timeline and a figures table. The page needs no network:
CSS and JS from `pipeline/data/report.*` are inlined, and the records are embedded as JSON
blocks that the page's script renders with DOM text nodes only, so hostile article text
(``<script>`` in a news story) shows as text.

The input is streamed: articles go out in blocks of `CHUNK` that the page parses only when
one of them is opened, so the file stays usable with hundreds of thousands of articles while
Python holds only a small index. Events and figures are parsed up front (tables and timeline
need them all) and paginated on screen.
"""

from __future__ import annotations

import calendar
import html
import json
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TextIO

from pydantic import BaseModel, ValidationError

from .errors import NewsfactsError
from .evaluate import event_problems, sentence_span, figure_correct, match_spans, overlaps, read_jsonl
from .models import Article, Event, Figure

ASSETS = Path(__file__).parent / "data"
CHUNK = 100
Item = dict[str, Any]


class Granularity(str, Enum):
    """The calendar unit a normalized time names; the timeline draws a mark that wide."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    RANGE = "range"


@dataclass(frozen=True)
class Interval:
    """First and last day (ISO, inclusive) covered by a time, at its own granularity."""

    first: str
    last: str
    granularity: Granularity


class DiffStatus(str, Enum):
    """How a span fares against the gold: the colour it gets in the diff."""

    OK = "ok"
    WRONG = "wrong"
    MISSED = "missed"
    EXTRA = "extra"
    UNSCORED = "unscored"


# TIMEX3 values: 2026, 2026-09, 2026-09-14, 2026-W08, 2026-Q3, 2026-H1, 2026-SU, 201 (the 2010s), 20.
_TIMEX = re.compile(r"^(\d{2,4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])|H([12])|(SP|SU|FA|WI)))?(?:T.*)?$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_span(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    """Months may run past December (winter): month 14 is February of the next year."""
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return date(year, first_month, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def time_interval(time: Optional[Item]) -> Optional[Interval]:
    """The calendar span of a TimeExpr for the timeline, or None when it has no place on it.

    The granularity comes from the TIMEX3 `value` ("2026-09" is the whole month), not from
    `earliest`/`latest`, which a mod such as ON_OR_BEFORE leaves open. Values that are not
    calendar dates (PRESENT_REF, P10Y, XXXX-09) fall back to a closed earliest..latest range.
    """
    if not time:
        return None
    match = _TIMEX.match(time.get("value") or "")
    try:
        if match:
            return _timex_interval(match)
        if time.get("earliest") and time.get("latest"):
            first, last = date.fromisoformat(time["earliest"]), date.fromisoformat(time["latest"])
            return Interval(first.isoformat(), last.isoformat(), Granularity.RANGE) if first <= last else None
    except ValueError:
        return None
    return None


def _timex_interval(match: re.Match[str]) -> Interval:
    digits, month, day, week, quarter, half, season = match.groups()
    if len(digits) < 4:
        width = 10 ** (4 - len(digits))
        start = int(digits) * width
        unit = Granularity.DECADE if len(digits) == 3 else Granularity.CENTURY
        return Interval(date(start, 1, 1).isoformat(), date(start + width - 1, 12, 31).isoformat(), unit)
    year = int(digits)
    if day:
        point = date(year, int(month), int(day))
        return Interval(point.isoformat(), point.isoformat(), Granularity.DAY)
    if month:
        first, last = _month_span(year, int(month), int(month))
        return Interval(first.isoformat(), last.isoformat(), Granularity.MONTH)
    if week:
        monday = date.fromisocalendar(year, int(week), 1)
        return Interval(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), Granularity.WEEK)
    spans = {Granularity.QUARTER: (quarter, 3), Granularity.HALF: (half, 6)}
    for unit, (number, months) in spans.items():
        if number:
            first, last = _month_span(year, (int(number) - 1) * months + 1, int(number) * months)
            return Interval(first.isoformat(), last.isoformat(), unit)
    if season:
        first, last = _month_span(year, *_SEASON_MONTHS[season])
        return Interval(first.isoformat(), last.isoformat(), Granularity.SEASON)
    return Interval(date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat(), Granularity.YEAR)


def read_records(path: Path, model: type[BaseModel]) -> Iterator[Item]:
    """Stream a JSONL output file, each line checked against the contract.

    Fails loudly (E111, E104 with file:line) rather than drawing a report of broken data.
    """
    if not path.is_file():
        raise NewsfactsError("E111", path=str(path))
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield model.model_validate_json(line).model_dump(mode="json")
            except ValidationError as exc:
                reason = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors()[:3])
                raise NewsfactsError("E104", where=f"{path}:{number}", reason=reason) from None


def json_script(payload: Any, css_class: str) -> str:
    """A JSON data block that no text can break out of (`</script>`, `<!--`)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    body = body.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" class="{css_class}">{body}</script>\n'


def _page_parts(title: str) -> tuple[str, str]:
    """The template cut at its data slot, with title, CSS and JS filled in."""
    page = (ASSETS / "report.html").read_text(encoding="utf-8")
    page = page.replace("{{title}}", html.escape(title)).replace("{{style}}", (ASSETS / "report.css").read_text(encoding="utf-8"))
    head, tail = page.split("{{data}}")
    return head, tail.replace("{{script}}", (ASSETS / "report.js").read_text(encoding="utf-8").replace("</script", "<\\/script"))


class _AtomicPage:
    """Writes to a sibling temp file and renames on success: no half-written report."""

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.partial = self.target.with_name(self.target.name + ".tmp")

    def __enter__(self) -> TextIO:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.stream = self.partial.open("w", encoding="utf-8")
        return self.stream

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.stream.close()
        if exc_type is None:
            os.replace(self.partial, self.target)
        else:
            self.partial.unlink(missing_ok=True)


def _stream_blocks(out: TextIO, records: Iterator[Item], css_class: str, size: int) -> None:
    block: list[Item] = []
    for record in records:
        block.append(record)
        if len(block) == size:
            out.write(json_script(block, css_class))
            block = []
    if block:
        out.write(json_script(block, css_class))


def lead(text: str, width: int = 110) -> str:
    """The first line that reads like prose (six words or more), to name an untitled article."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = next((line for line in lines if len(line.split()) >= 6), lines[0] if lines else "")
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _index_entry(article: Item) -> list[Any]:
    """What the article list shows without parsing the article's block."""
    entry = [article["id"], article.get("title"), article["dct"]["value"], article.get("source"), len(article["entities"]), len(article["times"]), article["status"]]
    return entry + [None if article.get("title") else lead(article["text"])]


def _articles(output_dir: Path, index: list[list[Any]], position: dict[str, int]) -> Iterator[Item]:
    for article in read_records(output_dir / "articles.jsonl", Article):
        position.setdefault(article["id"], len(index))
        index.append(_index_entry(article))
        yield article


def _linked(records: Iterator[Item], position: dict[str, int], counts: dict[str, int], kind: str) -> Iterator[Item]:
    """Adds `_a` (the article's position, -1 if absent) and, for events, `_t` (timeline span)."""
    for record in records:
        counts[kind] += 1
        record["_a"] = position.get(record["article_id"], -1)
        if kind == "events":
            span = time_interval(record.get("time"))
            record["_t"] = [span.first, span.last, span.granularity.value] if span else None
            counts["dated"] += span is not None
        yield record


def write_report(output_dir: Path, target: Path) -> Path:
    """Write the HTML report of `output_dir` (articles, events, figures JSONL) to `target`."""
    output_dir, target = Path(output_dir), Path(target)
    index: list[list[Any]] = []
    position: dict[str, int] = {}
    counts = {"events": 0, "figures": 0, "dated": 0}
    head, tail = _page_parts(f"newsfacts report: {output_dir.resolve().name}")
    with _AtomicPage(target) as out:
        out.write(head)
        _stream_blocks(out, _articles(output_dir, index, position), "nf-articles", CHUNK)
        _stream_blocks(out, _linked(read_records(output_dir / "events.jsonl", Event), position, counts, "events"), "nf-events", 5000)
        _stream_blocks(out, _linked(read_records(output_dir / "figures.jsonl", Figure), position, counts, "figures"), "nf-figures", 5000)
        out.write(json_script(index, "nf-index"))
        meta = {"mode": "report", "source": str(output_dir), "chunk": CHUNK, "articles": len(index), **counts}
        out.write(json_script(meta, "nf-meta"))
        out.write(tail)
    return target


# ---------------------------------------------------------------- gold-vs-system diff


def _annotation(kind: str, status: DiffStatus, span: Item, gold: Optional[Item], system: Optional[Item], problems: Optional[list[str]] = None) -> Item:
    return {"kind": kind, "status": status.value, "start": span["start"], "end": span["end"], "gold": gold, "system": system, "problems": problems or []}


def diff_spans(kind: str, gold: list[Item], system: list[Item], is_correct: Callable[[Item, Item], bool], extras_scored: bool = True) -> list[Item]:
    """Each gold span as ok, wrong or missed; each unmatched system span as extra.

    Matching is `evaluate.match_spans`, so the page shows exactly what was scored. An optional
    gold span is neither a miss nor makes an overlapping system span an extra. System spans
    the evaluation does not score for precision (entities) are `unscored`, not extras.
    """
    pairs = match_spans(gold, system)
    matched = {id(s) for _, s in pairs if s is not None}
    optional = [g for g in gold if g.get("optional")]
    notes: list[Item] = []
    for g, s in pairs:
        if s is None and not g.get("optional"):
            notes.append(_annotation(kind, DiffStatus.MISSED, g, g, None))
        elif s is not None:
            status = DiffStatus.OK if g.get("optional") or is_correct(g, s) else DiffStatus.WRONG
            notes.append(_annotation(kind, status, g, g, s))
    extra = DiffStatus.EXTRA if extras_scored else DiffStatus.UNSCORED
    notes += [_annotation(kind, extra, s, None, s) for s in system if id(s) not in matched and not any(overlaps(g, s) for g in optional)]
    return notes


def _time_correct(gold: Item, system: Item) -> bool:
    return gold["value"] == system.get("value") and gold.get("mod") == system.get("mod") and gold["type"] == system.get("type")


def diff_events(gold: list[Item], system: list[Item], text: str) -> list[Item]:
    """Gold events found (trigger inside a same-type system event's sentence) or missed, as scored."""
    notes: list[Item] = []
    used: set[int] = set()
    for g in gold:
        candidates = [s for s in system if s["type"] == g["type"] and sentence_span(text, s)[0] <= g["trigger"]["start"] < sentence_span(text, s)[1]]
        if not candidates:
            notes.append(_annotation("event", DiffStatus.MISSED, g["trigger"], g, None))
            continue
        best = min(candidates, key=lambda s: len(event_problems(g, s)))
        used.add(id(best))
        problems = event_problems(g, best)
        notes.append(_annotation("event", DiffStatus.WRONG if problems else DiffStatus.OK, g["trigger"], g, best, problems))
    notes += [_annotation("event", DiffStatus.UNSCORED, s["trigger"], None, s) for s in system if id(s) not in used]
    return notes


def _gold_article_diff(gold: Item, article: Item, figures: list[Item], events: list[Item]) -> list[Item]:
    notes = diff_spans("time", gold.get("times", []), article["times"], _time_correct)
    notes += diff_spans("figure", gold.get("figures", []), figures, figure_correct)
    notes += diff_spans("entity", gold.get("entities", []), article["entities"], lambda g, s: g["label"] == s["label"], extras_scored=False)
    notes += diff_events(gold.get("events", []), events, article["text"])
    return sorted(notes, key=lambda n: (n["start"], -n["end"]))


def _by_article(path: Path, wanted: dict[str, Item]) -> dict[str, list[Item]]:
    grouped: dict[str, list[Item]] = {}
    for record in read_jsonl(path):
        if record["article_id"] in wanted:
            grouped.setdefault(record["article_id"], []).append(record)
    return grouped


def write_eval_diff(report: dict[str, Any], gold_dir: Path, output_dir: Path, target: Path) -> Path:
    """Write gold against system for each gold article, misses and extras marked in the text.

    `report` is `evaluate.evaluate()`'s result: its scores and misses are shown as computed.
    """
    gold_dir, output_dir = Path(gold_dir), Path(output_dir)
    golds = {g["id"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in sorted((gold_dir / "gold").glob("*.json")))}
    articles = {a["id"]: a for a in read_jsonl(output_dir / "articles.jsonl") if a["id"] in golds}
    figures, events = _by_article(output_dir / "figures.jsonl", golds), _by_article(output_dir / "events.jsonl", golds)
    entries = []
    for article_id, gold in golds.items():
        article = articles.get(article_id)
        entry: Item = {"id": article_id, "scores": report["articles"].get(article_id, {}), "text": article["text"] if article else None, "notes": []}
        if article is not None:
            entry["notes"] = _gold_article_diff(gold, article, figures.get(article_id, []), events.get(article_id, []))
        entries.append(entry)
    head, tail = _page_parts(f"newsfacts eval diff: {output_dir.resolve().name}")
    with _AtomicPage(Path(target)) as out:
        out.write(head)
        out.write(json_script(entries, "nf-diff"))
        meta = {"mode": "diff", "source": str(output_dir), "gold": str(gold_dir), "overall": report.get("overall", {}), "baseline_failures": report.get("baseline_failures", [])}
        out.write(json_script(meta, "nf-meta"))
        out.write(tail)
    return Path(target)
