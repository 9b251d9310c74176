"""The per-article time budget: a slow article gets E202, the others go through in order."""

import time

import spacy
from spacy.language import Language

import pipeline.extensions  # noqa: F401  (Doc extensions)
from pipeline.run import extract


@Language.component("test_slow_on_marker")
def slow_on_marker(doc):
    if "SLOW" in doc.text:
        time.sleep(5)
    return doc


@Language.component("test_raise_on_marker")
def raise_on_marker(doc):
    if "BOOM" in doc.text:
        raise ValueError("cannot handle BOOM")
    return doc


def _nlp(component):
    nlp = spacy.blank("en")
    nlp.add_pipe(component)
    return nlp


def test_slow_article_gets_an_error_and_the_rest_go_on():
    articles = [{"id": f"a{i}", "text": "SLOW text." if i == 3 else f"Fine text {i}."} for i in range(8)]
    started = time.perf_counter()
    results = list(extract(articles, _nlp("test_slow_on_marker"), batch_size=4, time_budget=0.5))
    assert time.perf_counter() - started < 4
    assert [r.article.id for r in results] == [f"a{i}" for i in range(8)]
    assert [r.article.status for r in results].count("error") == 1
    assert results[3].article.error.type == "E202" and "time budget" in results[3].article.error.message


def test_component_exception_costs_only_its_article():
    articles = [{"id": "ok1", "text": "Fine."}, {"id": "bad", "text": "BOOM here."}, {"id": "ok2", "text": "Fine too."}]
    for kwargs in ({"time_budget": 10.0}, {"time_budget": None}):
        results = list(extract(articles, _nlp("test_raise_on_marker"), **kwargs))
        assert [(r.article.id, r.article.status) for r in results] == [("ok1", "ok"), ("bad", "error"), ("ok2", "ok")]
        assert results[1].article.error.type == "E201" and "cannot handle BOOM" in results[1].article.error.message
