"""The catalogue of bad input: one case per kind, each with its defined outcome.

Every case sits in ONE run beside good articles, so each test also shows that nothing bad
takes good data down with it. Outcomes: an error record with a precise code and the file
(and line) at fault, or a processed article whose offsets are all valid.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.cli import main

GOOD = "KABUL, Afghanistan (Jan. 22, 2013)\nAfghan forces detained two suspected insurgents in Kandahar province on Sunday."
GOOD_IDS = ["good_first", "good_last", "feed-good"]


def _jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode("utf-8")) + b"\n" for r in records)


def _write_catalogue(folder: Path) -> None:
    files: dict[str, bytes] = {
        "good_first.txt": GOOD.encode(),
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\n  ",
        "binary.txt": bytes(range(256)) * 4,
        "invalid_utf8.txt": b"Troops arrived \xff\xfe in Mosul.",
        "mixed_encoding.txt": "Caf\u00e9 owners in Kabul said ".encode() + "caf\xe9".encode("latin-1"),
        "bom.txt": "\ufeffSome 2,500 troops are stationed in Iraq.".encode(),
        "crlf.txt": b"Insurgents attacked a checkpoint.\r\nThree soldiers were killed in 2013.\r\n",
        "lone_cr.txt": b"Insurgents attacked a checkpoint.\rThree soldiers were killed in 2013.\r",
        "nul.txt": b"Three soldiers\x00 were killed.",
        "no_body.html": b"<html><head><title>Only a title</title></head><body></body></html>",
        "truncated.html": b"<html><body><article><p>Coalition forces killed two insurgents in Helmand province on Tuesday, officials said. The operation",
        "good_last.md": ("---\ntitle: Last\n---\n" + GOOD).encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "feed.jsonl").write_bytes(
        _jsonl(
            {"id": "feed-good", "text": GOOD},
            b'{"id": "broken", "text": "unterminated',
            b"[1, 2, 3]",
            {"id": "not-string", "text": ["a", "b"]},
            {"id": "no-text", "title": "Missing text"},
            {"id": "feed-good", "text": "A duplicate id."},
            {"id": "bad-published", "text": GOOD, "published": "yesterday evening"},
            {"id": "french", "text": "Les forces irakiennes ont tu\u00e9 14 membres de Daech en ao\u00fbt 2023."},
            {"id": "impossible-date", "text": "The contract was signed on 31/02/2023 and on February 31, 2023."},
            {"id": "rtl-emoji", "text": "\u0642\u0648\u0627\u062a \u0627\u0644\u062a\u062d\u0627\u0644\u0641 \U0001F1EE\U0001F1F6 Some 2\u202f500 troops \U0001F4A5 were deployed in 2024."},
            {"id": "nul-in-json", "text": "Three soldiers\u0000 were killed in 2023."},
            {"id": "long-sentence", "text": "Troops " + "and more troops " * 12_500 + "arrived."},
        )
    )


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("catalogue")
    _write_catalogue(folder)
    out = tmp_path_factory.mktemp("catalogue_out")
    code = main(["extract", str(folder), "--out", str(out), "--quiet"])
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"code": code, "out": out, "articles": articles, "by_origin": {a["origin"].rsplit("/", 1)[-1]: a for a in articles}}


ERRORS = [
    ("empty.txt", "E103"),
    ("whitespace.txt", "E103"),
    ("binary.txt", "E108"),
    ("invalid_utf8.txt", "E102"),
    ("mixed_encoding.txt", "E102"),
    ("nul.txt", "E108"),
    ("no_body.html", "E109"),
    ("feed.jsonl:2", "E104"),
    ("feed.jsonl:3", "E105"),
    ("feed.jsonl:4", "E106"),
    ("feed.jsonl:5", "E106"),
    ("feed.jsonl:6", "E112"),
]


@pytest.mark.parametrize("origin,code", ERRORS)
def test_bad_input_is_an_error_record_naming_the_place(catalogue, origin, code):
    article = catalogue["by_origin"][origin]
    assert article["status"] == "error"
    assert article["error"]["type"] == code
    assert article["error"]["where"].endswith(origin)
    assert article["error"]["message"]


PROCESSED = ["bom.txt", "crlf.txt", "lone_cr.txt", "truncated.html", "feed.jsonl:7", "feed.jsonl:8", "feed.jsonl:9", "feed.jsonl:10", "feed.jsonl:11", "feed.jsonl:12"]


@pytest.mark.parametrize("origin", PROCESSED)
def test_odd_but_readable_input_is_processed_with_valid_offsets(catalogue, origin):
    article = catalogue["by_origin"][origin]
    assert article["status"] == "ok", article["error"]
    text = article["text"]
    for span in article["entities"] + article["times"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_good_articles_survive_and_the_run_exits_1(catalogue):
    assert catalogue["code"] == 1
    ok_ids = [a["id"] for a in catalogue["articles"] if a["status"] == "ok"]
    for good in GOOD_IDS:
        assert good in ok_ids
    failed = [a for a in catalogue["articles"] if a["status"] == "error"]
    assert len(failed) == len(ERRORS)


def test_text_is_stored_as_read(catalogue):
    assert catalogue["by_origin"]["bom.txt"]["text"] == "Some 2,500 troops are stationed in Iraq."
    assert catalogue["by_origin"]["crlf.txt"]["text"].count("\r\n") == 2
    assert "\u0000" in catalogue["by_origin"]["feed.jsonl:11"]["text"]


def test_unparseable_published_is_a_warning_and_dct_falls_back(catalogue):
    article = catalogue["by_origin"]["feed.jsonl:7"]
    assert article["warnings"] and article["warnings"][0].startswith("W001")
    assert article["dct"] == {"value": "2013-01-22", "source": "dateline"}


def test_impossible_dates_never_become_values(catalogue):
    for time in catalogue["by_origin"]["feed.jsonl:9"]["times"]:
        value = time["value"] or ""
        if len(value) == 10 and value[4] == "-" and value[:4].isdigit():
            date.fromisoformat(value)  # raises if the day does not exist


def test_every_fact_line_is_valid_json_and_grounded(catalogue):
    texts = {a["id"]: a["text"] for a in catalogue["articles"] if a["status"] == "ok"}
    for stem in ("figures", "events"):
        for line in (catalogue["out"] / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            span = record if stem == "figures" else record["trigger"]
            assert texts[record["article_id"]][span["start"] : span["end"]] == span["text"]


def test_a_20_mb_article_goes_through_in_chunks_with_offsets_mapped_back():
    """The chunk machinery on a 20 MB text (tokenizer-only pipeline: the full model would take
    minutes; its speed on long text is measured by benchmarks/throughput.py)."""
    import spacy

    from pipeline.chunks import CHUNK_CHARS
    from pipeline.run import extract

    nlp = spacy.blank("en")
    paragraph = "Coalition troops arrived in Mosul on Monday. " * 40 + "\n\n"
    text = paragraph * (20_000_000 // len(paragraph))
    [result] = list(extract([{"id": "huge", "text": text}], nlp))
    assert result.ok and len(result.article.text) == len(text)
    [too_big] = list(extract([{"id": "huge", "text": text}], nlp, max_chars=CHUNK_CHARS))
    assert too_big.article.error.type == "E113"


def test_chunked_article_has_facts_from_every_chunk(nlp):
    from pipeline.chunks import split_chunks
    from pipeline.run import extract

    paragraph = "In January 2023, a raid killed three American soldiers near the border between Syria and Jordan.\n\n"
    text = paragraph * 60  # 6,000 characters in chunks of at most 2,000 (the default is 100,000)
    assert len(list(split_chunks(text, 2_000))) >= 3
    [result] = list(extract([{"id": "long", "text": text}], nlp, chunk_chars=2_000))
    assert result.ok
    starts = [time.start for time in result.article.times]
    assert len(starts) == 60 and max(starts) > 5_000
    for span in result.article.entities + result.article.times + result.figures:
        assert text[span.start : span.end] == span.text
    ids = [figure.id for figure in result.figures] + [event.id for event in result.events]
    assert len(ids) == len(set(ids))
    assert {figure.article_id for figure in result.figures} <= {"long"}
