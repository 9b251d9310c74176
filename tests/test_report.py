"""The HTML report and eval diff: escaping, streaming blocks, timeline spans, and a real browser.

The browser test drives Debian's chromium through playwright (no browser download): it checks
that highlights render, hovering shows a record, the timeline has one mark per dated event,
and saves `output/report.png` for a human to look at.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from pipeline import report
from pipeline.errors import NewsfactsError
from pipeline.evaluate import evaluate
from pipeline.models import Article, Event, Figure
from pipeline.report import Granularity, time_interval, write_eval_diff, write_report

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "<script>window.__pwned = 1</script>"
TEXT_A = (
    "KABUL, Afghanistan (Jan. 25, 2013)\n"
    "An Afghan and coalition security force detained two suspected insurgents in Kandahar province yesterday. "
    "In September 2012, an airstrike by ISAF aircraft killed 3 insurgents in Helmand province. "
    "The Taliban posted " + HOSTILE + " on a website. "
    "The United States will withdraw some 2,500 troops in 2014, officials said. "
    "NATO pledged $4 billion a year for the Afghan forces."
)
TEXT_B = "LONDON (March 3, 2013)\nBritish forces trained 400 Afghan police officers in the week of 2013-W09. Talks may resume soon."


def span(text: str, needle: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"text": needle, "start": start, "end": start + len(needle)}


def role(text: str, needle: str, canonical: str, label: str) -> dict:
    return {**span(text, needle), "canonical": canonical, "label": label}


def timex(text: str, needle: str, value: str, earliest: str | None, latest: str | None, mod: str | None = None, type_: str = "DATE") -> dict:
    return {**span(text, needle), "type": type_, "value": value, "earliest": earliest, "latest": latest, "mod": mod}


def sentence_of(text: str, needle: str) -> str:
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    end = text.index(".", at) + 1
    return text[start:end]


def make_output(folder: Path) -> dict[str, list[dict]]:
    """A small OUTPUT_DIR written by hand, every line valid against the models."""
    a, b = TEXT_A, TEXT_B
    articles = [
        {
            "id": "isaf-1", "title": None, "text": a, "source": "ISAF", "origin": "fixture.jsonl:1",
            "dct": {"value": "2013-01-25", "source": "dateline"},
            "entities": [
                {**span(a, "KABUL"), "label": "GPE", "canonical": "Kabul", "kb_id": "Q5838"},
                {**span(a, "Afghan", 1), "label": "NORP", "canonical": "Afghanistan", "kb_id": None},
                {**span(a, "Kandahar province"), "label": "GPE", "canonical": "Kandahar", "kb_id": None},
                {**span(a, "ISAF"), "label": "ORG", "canonical": "ISAF", "kb_id": None},
                {**span(a, "Helmand province"), "label": "GPE", "canonical": "Helmand", "kb_id": None},
                {**span(a, "Taliban"), "label": "ORG", "canonical": "Taliban", "kb_id": None},
                {**span(a, "The United States"), "label": "GPE", "canonical": "United States", "kb_id": "Q30"},
                {**span(a, "NATO"), "label": "ORG", "canonical": "NATO", "kb_id": "Q7184"},
            ],
            "times": [
                timex(a, "Jan. 25, 2013", "2013-01-25", "2013-01-25", "2013-01-25"),
                timex(a, "yesterday", "2013-01-24", "2013-01-24", "2013-01-24"),
                timex(a, "September 2012", "2012-09", "2012-09-01", "2012-09-30"),
                timex(a, "2014", "2014", "2014-01-01", "2014-12-31"),
                timex(a, "a year", "P1Y", None, None, type_="SET"),
            ],
        },
        {
            "id": "mod-2", "title": "British trainers", "text": b, "dct": {"value": "2013-03-03", "source": "dateline"},
            "entities": [{**span(b, "British"), "label": "NORP", "canonical": "United Kingdom", "kb_id": None}],
            "times": [timex(b, "the week of 2013-W09", "2013-W09", "2013-02-25", "2013-03-03"), timex(b, "soon", "FUTURE_REF", None, None)],
        },
    ]
    figures = [
        {**span(a, "two"), "id": "isaf-1-f001", "article_id": "isaf-1", "value": 2, "measured": "suspected insurgents", "sentence": sentence_of(a, "two suspected")},
        {**span(a, "3", 1), "id": "isaf-1-f002", "article_id": "isaf-1", "value": 3, "measured": "insurgents", "sentence": sentence_of(a, "3 insurgents")},
        {**span(a, "some 2,500"), "id": "isaf-1-f003", "article_id": "isaf-1", "value": 2500, "approximate": True, "measured": "troops",
         "time": timex(a, "2014", "2014", "2014-01-01", "2014-12-31"), "sentence": sentence_of(a, "some 2,500")},
        {**span(a, "$4 billion"), "id": "isaf-1-f004", "article_id": "isaf-1", "value": 4e9, "currency": "USD", "dimension": "currency",
         "measured": "Afghan forces", "sentence": sentence_of(a, "$4 billion")},
        {**span(b, "400"), "id": "mod-2-f001", "article_id": "mod-2", "value": 400, "measured": "Afghan police officers", "sentence": sentence_of(b, "400")},
    ]
    events = [
        {"id": "isaf-1-e001", "article_id": "isaf-1", "type": "detention", "trigger": {**span(a, "detained"), "lemma": "detain"},
         "sentence": sentence_of(a, "detained"), "time": timex(a, "yesterday", "2013-01-24", "2013-01-24", "2013-01-24"),
         "agents": [role(a, "Afghan", "Afghanistan", "NORP")], "locations": [role(a, "Kandahar province", "Kandahar", "GPE")],
         "casualties": {"captured": 2}, "figure_ids": ["isaf-1-f001"]},
        {"id": "isaf-1-e002", "article_id": "isaf-1", "type": "airstrike", "trigger": {**span(a, "airstrike"), "lemma": "airstrike"},
         "sentence": sentence_of(a, "airstrike"), "time": timex(a, "September 2012", "2012-09", "2012-09-01", "2012-09-30"),
         "agents": [role(a, "ISAF", "ISAF", "ORG")], "locations": [role(a, "Helmand province", "Helmand", "GPE")],
         "casualties": {"killed": 3}, "figure_ids": ["isaf-1-f002"]},
        {"id": "isaf-1-e003", "article_id": "isaf-1", "type": "withdrawal", "trigger": {**span(a, "withdraw"), "lemma": "withdraw"},
         "sentence": sentence_of(a, "withdraw"), "time": timex(a, "2014", "2014", "2014-01-01", "2014-12-31"), "modality": "planned",
         "agents": [role(a, "The United States", "United States", "GPE")], "attribution": span(a, "officials said")},
        {"id": "isaf-1-e004", "article_id": "isaf-1", "type": "funding", "trigger": {**span(a, "pledged"), "lemma": "pledge"},
         "sentence": sentence_of(a, "pledged"), "agents": [role(a, "NATO", "NATO", "ORG")]},
        {"id": "mod-2-e001", "article_id": "mod-2", "type": "training", "trigger": {**span(b, "trained"), "lemma": "train"},
         "sentence": sentence_of(b, "trained"), "time": timex(b, "the week of 2013-W09", "2013-W09", "2013-02-25", "2013-03-03"),
         "agents": [role(b, "British", "United Kingdom", "NORP")]},
        {"id": "mod-2-e002", "article_id": "mod-2", "type": "negotiation", "trigger": {**span(b, "Talks"), "lemma": "talk"},
         "sentence": sentence_of(b, "Talks"), "time": timex(b, "soon", "FUTURE_REF", None, None), "modality": "possible"},
    ]
    records = {"articles": (Article, articles), "figures": (Figure, figures), "events": (Event, events)}
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (model, rows) in records.items():
        lines = [model.model_validate(row).model_dump_json() for row in rows]
        (folder / f"{stem}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return {stem: rows for stem, (_, rows) in records.items()}


def embedded(page: str, css_class: str) -> list:
    blocks = re.findall(rf'<script type="application/json" class="{css_class}">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture(scope="module")
def fixture_output(tmp_path_factory) -> tuple[Path, dict[str, list[dict]]]:
    folder = tmp_path_factory.mktemp("report_output")
    return folder, make_output(folder)


# ---------------------------------------------------------------- timeline spans


@pytest.mark.parametrize(
    "value, first, last, granularity",
    [
        ("2026-09", "2026-09-01", "2026-09-30", Granularity.MONTH),
        ("2024-02", "2024-02-01", "2024-02-29", Granularity.MONTH),
        ("2014", "2014-01-01", "2014-12-31", Granularity.YEAR),
        ("2013-01-24", "2013-01-24", "2013-01-24", Granularity.DAY),
        ("2013-W09", "2013-02-25", "2013-03-03", Granularity.WEEK),
        ("2023-Q4", "2023-10-01", "2023-12-31", Granularity.QUARTER),
        ("2023-H1", "2023-01-01", "2023-06-30", Granularity.HALF),
        ("2023-WI", "2023-12-01", "2024-02-29", Granularity.SEASON),
        ("201", "2010-01-01", "2019-12-31", Granularity.DECADE),
        ("19", "1900-01-01", "1999-12-31", Granularity.CENTURY),
        ("2013-01-24T14:00", "2013-01-24", "2013-01-24", Granularity.DAY),
    ],
)
def test_time_interval_follows_the_granularity_of_the_value(value, first, last, granularity):
    assert time_interval({"value": value, "earliest": None, "latest": None}) == report.Interval(first, last, granularity)


def test_time_interval_ignores_open_bounds_from_mods_and_falls_back_to_closed_ranges():
    september_or_before = {"value": "2026-09", "earliest": None, "latest": "2026-09-30", "mod": "ON_OR_BEFORE"}
    assert time_interval(september_or_before).first == "2026-09-01"
    assert time_interval({"value": "PRESENT_REF", "earliest": "2026-01-01", "latest": "2026-03-31"}).granularity == Granularity.RANGE
    for undated in (None, {"value": "PRESENT_REF", "earliest": None, "latest": None}, {"value": "P10Y"}, {"value": "2013-02-30"}, {"value": "XXXX-09"}):
        assert time_interval(undated) is None


# ---------------------------------------------------------------- the report page


def test_report_embeds_records_escaped_and_in_blocks(fixture_output, tmp_path, monkeypatch):
    folder, rows = fixture_output
    monkeypatch.setattr(report, "CHUNK", 1)
    page = write_report(folder, tmp_path / "r.html").read_text(encoding="utf-8")
    assert HOSTILE not in page and "window.__pwned" in page, "article text must be escaped, yet present"
    assert len(re.findall(r"</script>", page)) == page.count("<script"), "no block may close early"
    articles = embedded(page, "nf-articles")
    assert [block[0]["id"] for block in articles] == ["isaf-1", "mod-2"], "one block per CHUNK articles"
    assert articles[0][0]["text"] == TEXT_A
    events = [e for block in embedded(page, "nf-events") for e in block]
    assert [e["_a"] for e in events] == [0, 0, 0, 0, 1, 1]
    assert [e["_t"] for e in events] == [
        ["2013-01-24", "2013-01-24", "day"], ["2012-09-01", "2012-09-30", "month"], ["2014-01-01", "2014-12-31", "year"],
        None, ["2013-02-25", "2013-03-03", "week"], None,
    ]
    meta = embedded(page, "nf-meta")[0]
    assert (meta["articles"], meta["events"], meta["figures"], meta["dated"]) == (2, 6, 5, 4)
    assert embedded(page, "nf-index")[0][1] == ["mod-2", "British trainers", "2013-03-03", None, 1, 2, "ok", None]
    assert embedded(page, "nf-index")[0][0][7].startswith("An Afghan and coalition security force detained"), "untitled: named by its lead"
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page, "no network at view time"


def test_report_of_the_seed_output_has_its_text_and_times(seed_output, tmp_path):
    page = write_report(seed_output, tmp_path / "seed.html").read_text(encoding="utf-8")
    article = embedded(page, "nf-articles")[0][0]
    assert article["id"] == "000_e1704b20f57f0b7c" and "Operation Inherent Resolve" in article["text"]
    assert html.escape("newsfacts report") in page


def test_report_fails_loudly_on_a_broken_line(fixture_output, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(fixture_output[0], folder)
    with (folder / "events.jsonl").open("a", encoding="utf-8") as stream:
        stream.write('{"id": "x", "article_id": "isaf-1", "type": "picnic"}\n')
    with pytest.raises(NewsfactsError, match=r"E104.*events.jsonl:7"):
        write_report(folder, tmp_path / "broken.html")
    assert not (tmp_path / "broken.html").exists() and not (tmp_path / "broken.html.tmp").exists()


def test_report_needs_all_three_files(tmp_path):
    with pytest.raises(NewsfactsError, match="E111"):
        write_report(tmp_path, tmp_path / "r.html")


# ---------------------------------------------------------------- the eval diff


def write_gold(corpus: Path) -> Path:
    a = TEXT_A
    gold = {
        "id": "isaf-1",
        "times": [
            {**span(a, "yesterday"), "type": "DATE", "value": "2013-01-24", "mod": None},
            {**span(a, "September 2012"), "type": "DATE", "value": "2012-09", "mod": "ON_OR_BEFORE"},
            {**span(a, "Jan. 25, 2013"), "type": "DATE", "value": "2013-01-25", "mod": None, "optional": True},
            {**span(a, "a year"), "type": "SET", "value": "P1Y", "mod": None},
        ],
        "figures": [
            {**span(a, "two"), "value": 2, "lower": None, "upper": None, "approximate": False, "unit": None, "currency": None, "kind": "level", "measured": "suspected insurgents"},
            {**span(a, "3", 1), "value": 3, "lower": None, "upper": None, "approximate": False, "unit": None, "currency": None, "kind": "level"},
        ],
        "events": [{"trigger": span(a, "airstrike"), "type": "airstrike", "time": "2012-09", "casualties": {"killed": 3}, "agents": ["ISAF"], "locations": ["Helmand"]}],
        "entities": [{**span(a, "Kandahar province"), "label": "GPE", "group": "kandahar"}, {**span(a, "Taliban"), "label": "PERSON", "group": "taliban"},
                     {**span(a, "Afghan forces"), "label": "ORG", "group": "afghan_forces"}],
    }
    (corpus / "gold").mkdir(parents=True)
    (corpus / "gold" / "isaf-1.json").write_text(json.dumps(gold), encoding="utf-8")
    return corpus


def test_eval_diff_marks_misses_wrong_values_and_extras(fixture_output, tmp_path):
    folder, _ = fixture_output
    corpus = write_gold(tmp_path / "corpus")
    page = write_eval_diff(evaluate(corpus, folder), corpus, folder, tmp_path / "diff.html").read_text(encoding="utf-8")
    entry = embedded(page, "nf-diff")[0][0]
    status = {(n["kind"], TEXT_A[n["start"]:n["end"]]): n["status"] for n in entry["notes"]}
    assert status[("time", "yesterday")] == "ok"
    assert status[("time", "September 2012")] == "wrong", "the mod differs"
    assert ("time", "Jan. 25, 2013") in status and status[("time", "Jan. 25, 2013")] == "ok", "optional gold is not an extra"
    assert status[("time", "2014")] == "extra"
    assert status[("figure", "some 2,500")] == "extra" and status[("figure", "two")] == "ok" and status[("figure", "3")] == "ok"
    assert status[("entity", "Afghan forces")] == "missed"
    assert status[("entity", "Taliban")] == "wrong" and status[("entity", "NATO")] == "unscored"
    assert status[("event", "airstrike")] == "ok" and status[("event", "detained")] == "unscored"
    assert entry["scores"]["times"]["misses"], "the scored misses travel with the page"
    assert HOSTILE not in page


# ---------------------------------------------------------------- real browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("NEWSFACTS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")
    executable = find_chromium()
    if executable is None:
        pytest.skip("no chromium found (install it with `make browser`, or set NEWSFACTS_CHROMIUM)")
    with sync_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.timeout(60)
def test_report_in_a_real_browser(browser, fixture_output, tmp_path):
    folder, rows = fixture_output
    target = write_report(folder, tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: errors.append("network: " + request.url) if not request.url.startswith(("file:", "data:")) else None)
    page.goto(target.as_uri())
    page.wait_for_selector("#article-text .hl")
    for kind in ("entity", "time", "figure", "event"):
        assert page.locator(f"#article-text .hl.k-{kind}").count() > 0, f"no {kind} highlight"
    assert page.evaluate("window.__pwned") is None and HOSTILE in page.inner_text("#article-text"), "hostile text shows as text"

    page.hover("#article-text .hl.k-figure >> text=some 2,500")
    assert "troops" in page.inner_text("#inspector") and "2,500" in page.inner_text("#inspector")

    dated = [e for e in rows["events"] if time_interval(e.get("time"))]
    marks = page.locator("#timeline .tl-mark")
    assert marks.count() == len(dated) == 4
    widths = {page.get_attribute(f'#timeline .tl-mark[data-ev="{i}"]', "class").split(" g-")[1]: float(page.get_attribute(f'#timeline .tl-mark[data-ev="{i}"] rect', "width")) for i in (0, 1, 2)}
    assert widths["day"] < widths["month"] < widths["year"], "marks are as wide as their granularity"

    page.select_option("select[aria-label='event type']", "airstrike")
    assert marks.count() == 1
    page.select_option("select[aria-label='event type']", "")

    page.click("button.tab[data-tab=events]")
    page.click("[data-pane=events] tbody tr:has(q:text-is('withdraw'))")
    page.wait_for_selector("#article-text .hl.flash")
    assert page.inner_text("#article-text .hl.flash") == "withdraw"
    assert "planned" in page.inner_text("#inspector") and "United States" in page.inner_text("#inspector")

    page.click("#article-text .hl.k-event >> text=airstrike")
    assert "Helmand" in page.inner_text("#inspector") and "killed" in page.inner_text("#inspector")
    roles = page.locator("#article-text .rolehot").all_inner_texts()
    assert {"ISAF", "Helmand province", "September 2012"} <= set(roles), "the event's roles are outlined in the text"
    shot = ROOT / "output" / "report.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert errors == []
    page.close()


@pytest.mark.timeout(60)
def test_eval_diff_in_a_real_browser(browser, fixture_output, tmp_path):
    folder, _ = fixture_output
    corpus = write_gold(tmp_path / "corpus")
    target = write_eval_diff(evaluate(corpus, folder), corpus, folder, tmp_path / "diff.html")
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(target.as_uri())
    page.wait_for_selector("#diff-text .hl")
    for status, least in (("extra", 2), ("wrong", 2), ("missed", 1), ("ok", 4)):
        assert page.locator(f"#diff-text .hl.s-{status}").count() >= least, status
    page.hover("#diff-text .hl.s-wrong >> text=September 2012")
    inspector = page.inner_text("#inspector")
    assert "ON_OR_BEFORE" in inspector and "GOLD" in inspector.upper() and "SYSTEM" in inspector.upper()
    page.screenshot(path=str(ROOT / "output" / "eval_diff.png"))
    assert errors == []
    page.close()


def make_large_output(folder: Path, n_articles: int, n_events: int) -> None:
    """Many tiny articles and day-dated events: enough to page the list and bin the timeline."""
    folder.mkdir(parents=True)
    text = "Police detained a man in Kabul on 2012-05-{day:02d}."
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as stream:
        for i in range(n_articles):
            stream.write(Article(id=f"n{i:04d}", text=text.format(day=i % 28 + 1)).model_dump_json() + "\n")
    with (folder / "events.jsonl").open("w", encoding="utf-8") as stream:
        for i in range(n_events):
            a = i % n_articles
            body = text.format(day=a % 28 + 1)
            time = timex(body, body[34:44], body[34:44], body[34:44], body[34:44])
            event = Event(id=f"n{a:04d}-e{i:04d}", article_id=f"n{a:04d}", type="airstrike" if i % 40 == 0 else "detention",
                          trigger={**span(body, "detained"), "lemma": "detain"}, sentence=body, time=time)
            stream.write(event.model_dump_json() + "\n")
    (folder / "figures.jsonl").write_text("", encoding="utf-8")


@pytest.mark.timeout(60)
def test_large_output_pages_the_list_and_bins_the_timeline(browser, tmp_path):
    make_large_output(tmp_path / "out", n_articles=450, n_events=1600)
    target = write_report(tmp_path / "out", tmp_path / "large.html")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.set_default_timeout(15000)
    page.goto(target.as_uri())
    page.wait_for_selector(".alist .aitem")
    assert page.locator(".alist .aitem").count() == 200 and "1 / 3" in page.inner_text(".alist .pager")
    page.click(".alist .pager button:has-text('›')")
    page.click(".alist .aitem >> nth=0")
    assert page.inner_text(".article h2") == "n0200", "an article in a later block opens on demand"
    assert page.locator("#timeline .tl-mark").count() == 0 and page.locator("#timeline .tl-bar").count() > 0, "1600 events are binned"
    page.select_option("select[aria-label='event type']", "airstrike")
    assert page.locator("#timeline .tl-mark").count() == 40, "filtered under the limit: one mark per event again"
    page.close()
