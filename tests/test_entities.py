"""Tests for pipeline/components/entities.py and its data files.

The alias rules are checked on a corpus of short texts written for the purpose
(tests/data/entities_cases.jsonl, one rule per line); the gazetteer's shape is checked line by
line; the seed article is checked against the acceptance criteria of issue 5.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.components.entities import (
    DEMONYMS_PATH,
    GAZETTEER_PATH,
    PLACE_LABELS,
    GazetteerEntry,
    GazetteerRuler,
    abbreviates,
    alias_key,
    clean_name,
    is_case_sensitive,
    load_gazetteer,
    long_form_start,
)
from pipeline.errors import NewsfactsError

CASES = Path(__file__).parent / "data" / "entities_cases.jsonl"
ENTITY_COMPONENTS = ["newsfacts_gazetteer", "newsfacts_entities"]


@pytest.fixture(scope="module")
def ent_nlp():
    """The spaCy model with only the two entity components (fast, independent of the others)."""
    import pipeline

    return pipeline.load(components=ENTITY_COMPONENTS)


# ---------------------------------------------------------------- the gazetteer file


def _gazetteer_lines() -> list[tuple[int, str]]:
    lines = GAZETTEER_PATH.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def test_every_gazetteer_line_is_a_valid_entry():
    for lineno, line in _gazetteer_lines():
        entry = GazetteerEntry.model_validate(json.loads(line))
        assert entry.aliases, f"line {lineno}: {entry.canonical} has no aliases"
        assert all(phrase == phrase.lower() for phrase in entry.short), f"line {lineno}"


def test_gazetteer_has_at_least_150_actors_besides_states():
    entries = load_gazetteer().entries
    actors = [e for e in entries if e.label not in PLACE_LABELS]
    assert len(actors) >= 150
    assert len({e.canonical for e in entries}) == len(entries), "duplicate canonical names"


def test_no_alias_is_claimed_by_two_actors():
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in load_gazetteer().entries:
        for name in entry.lookup_names:
            owners[alias_key(name).lower()].add(entry.canonical)
    shared = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert not shared


def test_part_of_and_demonyms_point_to_existing_lines():
    gazetteer = load_gazetteer()
    for entry in gazetteer.entries:
        assert entry.part_of is None or entry.part_of in gazetteer.by_canonical, entry.canonical
    demonyms = json.loads(DEMONYMS_PATH.read_text(encoding="utf-8"))
    for demonym, country in demonyms.items():
        if demonym.startswith("_"):
            continue
        entry = gazetteer.entries[gazetteer.by_canonical[country]]
        assert entry.label == "GPE", demonym


def test_the_ruler_finds_every_forced_alias_in_a_sentence(ent_nlp):
    """Catches aliases whose tokenization or case rule keeps them from ever matching."""
    ruler: GazetteerRuler = ent_nlp.get_pipe("newsfacts_gazetteer")
    gazetteer = load_gazetteer()
    for entry in gazetteer.entries:
        if entry.label in PLACE_LABELS:
            continue
        for name in entry.names:
            doc = ruler(ent_nlp.make_doc(f"Officials said {name} was there."))
            found = [ent for ent in doc.ents if ent.text == name]
            assert found and found[0].label_ == entry.label, name
            assert gazetteer.lookup(name) == entry, name


def test_a_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "gazetteer.jsonl"
    bad.write_text('# comment\n{"canonical": "X", "label": "ORG", "type": "armed_group", "aliases": []}\n')
    with pytest.raises(NewsfactsError) as error:
        load_gazetteer(bad, DEMONYMS_PATH)
    assert error.value.code == "E301" and error.value.where.endswith(":2")


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the United States’", "United States"),
        ("The Taliban's", "Taliban"),
        ("Afghan-", "Afghan"),
        ("Combined  Joint\nTask Force", "Combined Joint Task Force"),
        ("Theodore", "Theodore"),
    ],
)
def test_clean_name(text, expected):
    assert clean_name(text) == expected


def test_alias_key_unifies_dashes():
    assert alias_key("CJTF – OIR") == alias_key("CJTF-OIR") == alias_key("CJTF—OIR")


@pytest.mark.parametrize(
    ("alias", "sensitive"),
    [("ISIS", True), ("LeT", True), ("U.S.", True), ("CJTF-OIR", True), ("Isis", False),
     ("al-Qaeda", False), ("Islamic State", False)],
)
def test_case_rule(alias, sensitive):
    assert is_case_sensitive(alias) is sensitive


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("CENTCOM", "Central Command", True),
        ("CENTCOM", "U.S. Central Command", True),
        ("ISAF", "International Security Assistance Force", True),
        ("ISIL", "the Islamic State of Iraq and the Levant", True),
        ("CJTF-OIR", "Combined Joint Task Force – Operation Inherent Resolve", True),
        ("FLN", "National Liberation Front", False),
        ("PMF", "al-Hashd al-Shaabi", False),
        ("JEWC", "officials of the Joint Electronic Warfare Cell", False),
    ],
)
def test_abbreviates(acronym, name, expected):
    assert abbreviates(acronym, name) is expected


@given(st.text(min_size=2, max_size=8), st.text(max_size=60))
def test_long_form_starts_at_a_word(acronym, text):
    start = long_form_start(acronym, text)
    assert start is None or (0 <= start < len(text) and (start == 0 or text[start - 1] == " "))


# ---------------------------------------------------------------- alias rules on short texts


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _mention_ents(doc, mention: str, nth: int):
    starts = [m.start() for m in re.finditer(re.escape(mention), doc.text)]
    assert len(starts) > nth, f"{mention!r} #{nth} not in the text"
    start, end = starts[nth], starts[nth] + len(mention)
    return [ent for ent in doc.ents if ent.start_char < end and ent.end_char > start]


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["rule"])
def test_alias_rule(ent_nlp, case):
    doc = ent_nlp(case["text"])
    for mention, nth, canonical, label, qid in case.get("expect", []):
        ents = _mention_ents(doc, mention, nth)
        assert len(ents) == 1, f"{mention!r} #{nth}: {[(e.text, e.label_) for e in doc.ents]}"
        ent = ents[0]
        assert (ent._.canonical, ent.label_, ent._.kb_id) == (canonical, label, qid), mention
    for mention, nth, forbidden in case.get("unlinked", []):
        ents = _mention_ents(doc, mention, nth)
        if forbidden is None:
            assert not ents, f"{mention!r} #{nth} became {[(e.text, e._.canonical) for e in ents]}"
        else:
            assert all(ent._.canonical != forbidden for ent in ents), mention
    texts = {ent.text for ent in doc.ents}
    for mention in case.get("not_entities", []):
        assert mention not in texts, mention


def test_every_entity_has_a_canonical_and_qids_come_from_the_gazetteer(ent_nlp):
    qids = {e.qid for e in load_gazetteer().entries if e.qid}
    for doc in ent_nlp.pipe(case["text"] for case in _cases()):
        for ent in doc.ents:
            assert isinstance(ent._.canonical, str) and ent._.canonical, ent.text
            assert ent._.kb_id is None or ent._.kb_id in qids


# ---------------------------------------------------------------- real documents


def test_seed_article_acceptance(nlp, shared_dir):
    """Issue 5, "Done when": one canonical per actor in the golden document (full pipeline)."""
    text = next((shared_dir / "seed").glob("*.txt")).read_text(encoding="utf-8")
    doc = nlp(text)
    by_text: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for ent in doc.ents:
        assert ent._.canonical, ent.text
        by_text[ent.text].add((ent._.canonical, ent.label_))
    daech = [ent for ent in doc.ents if ent.text == "Daech"]
    assert len(daech) == text.count("Daech") == 12
    assert by_text["Daech"] == {("Islamic State", "ORG")}
    assert by_text["Islamic State"] == by_text["Daech"]
    long_form = "Combined Joint Task Force – Operation Inherent Resolve"
    assert by_text["CJTF-OIR"] == by_text[long_form] == {(long_form, "ORG")}
    assert {c for c, _ in by_text["CENTCOM"]} == {c for c, _ in by_text["U.S. Central Command"]}
    united_states = {c for name in ("US", "U.S.", "the United States") for c, _ in by_text[name]}
    assert united_states == {"United States"}


def test_ruler_keeps_places(ent_nlp, shared_dir):
    """On real press releases the ruler only takes a place from the NER where it knows an actor."""
    import spacy

    base = spacy.load(_model_name(ent_nlp))
    path = shared_dir / "benchmarks" / "isaf-dev" / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").split("\n")[:25]]
    lookup = load_gazetteer().lookup
    for before, after in zip(base.pipe(texts), ent_nlp.pipe(texts)):
        places = {(e.start_char, e.end_char) for e in after.ents if e.label_ in PLACE_LABELS}
        for ent in before.ents:
            if ent.label_ in PLACE_LABELS and (ent.start_char, ent.end_char) not in places:
                covering = [e for e in after.ents if e.start_char <= ent.start_char < e.end_char]
                assert covering and lookup(covering[0].text) is not None, ent.text


def _model_name(nlp) -> str:
    return f"{nlp.meta['lang']}_{nlp.meta['name']}"


def test_canonical_of_any_span(ent_nlp):
    from pipeline.components.entities import canonical_of

    doc = ent_nlp("Daesh fighters attacked the base; seven armed men fled.")
    assert canonical_of(doc[0:2]) == ("Islamic State", "Q2429253")
    assert canonical_of(doc[7:9]) == ("armed men", None)
