"""Property-based tests: no input makes ingestion or the pipeline raise, and every fact is
grounded (text[start:end] equals the recorded text) and valid against the schema."""

from __future__ import annotations

import io
import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import decode_text, read_jsonl_stream, split_front_matter
from pipeline.schema import schema_documents
from pipeline.errors import NewsfactsError
from pipeline.run import extract

NEWSY = st.sampled_from(
    ["In January 2023, ", "some 2,500 troops ", "more than $4 billion ", "killed three soldiers ", "the U.S. ", "Daech ", "last week ", "\u202f", "\r\n", "\n\n", "31/02/2023 ", "\u0645\u0648\u0635\u0644 ", "\U0001F4A5", "5-10 ", "a decade ", "Friday ", "May ", "F-35 ", "%", "(", ")", ".", " "]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(st.one_of(NEWSY, st.text(max_size=8)), max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_gives_text_or_a_coded_error(data):
    try:
        assert isinstance(decode_text(data, "f.txt"), str)
    except NewsfactsError as error:
        assert error.code in {"E102", "E108"} and error.where == "f.txt"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b), max_size=10))
def test_jsonl_gives_one_article_per_nonblank_line(lines):
    data = b"".join(line + b"\n" for line in lines)
    articles = list(read_jsonl_stream(io.BytesIO(data), "in.jsonl"))
    expected = sum(1 for line in lines if line.decode("utf-8", "replace").strip() or not _is_utf8(line))
    assert len(articles) == expected
    for article in articles:
        assert article.error is not None or (isinstance(article.text, str) and article.text.strip())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_front_matter_split_never_loses_the_body(text):
    meta, body = split_front_matter(text)
    assert text.endswith(body)
    assert meta or body == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "2013-01-22", "1998-02-27"]))
def test_pipeline_output_is_grounded_and_valid_for_any_text(nlp, text, published):
    documents = schema_documents()
    [result] = list(extract([{"id": "p", "text": text, "published": published}], nlp))
    article = result.article.model_dump(mode="json")
    jsonschema.validate(article, documents["v1/articles.schema.json"])
    if not text.strip():
        assert article["status"] == "error" and article["error"]["type"] == "E103"
        return
    assert article["status"] == "ok", article["error"]
    spans = article["entities"] + article["times"]
    for figure in result.figures:
        record = figure.model_dump(mode="json")
        jsonschema.validate(record, documents["v1/figures.schema.json"])
        spans.append(record)
    for event in result.events:
        record = event.model_dump(mode="json")
        jsonschema.validate(record, documents["v1/events.schema.json"])
        spans += [record["trigger"], *record["agents"], *record["targets"], *record["locations"], *record["mentions"]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
    json.dumps(article)
