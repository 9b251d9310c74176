"""schemas/ is generated from the pydantic models and must stay in sync; output validates."""

import json
from pathlib import Path

import jsonschema

from pipeline.schema import render, schema_documents

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schemas_match_the_models():
    for name, schema in schema_documents().items():
        committed = ROOT / "schemas" / name
        assert committed.exists(), f"missing {committed}: run `newsfacts schema --out schemas/`"
        assert committed.read_text(encoding="utf-8") == render(schema), f"{committed} is stale: run `newsfacts schema --out schemas/`"


def test_every_output_line_validates_and_is_grounded(seed_output):
    documents = schema_documents()
    texts = {}
    for stem in ("articles", "figures", "events"):
        validator = jsonschema.Draft202012Validator(documents[f"v1/{stem}.schema.json"])
        for line in (seed_output / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            validator.validate(record)
            if stem == "articles":
                texts[record["id"]] = record["text"]
                spans = record["entities"] + record["times"]
            elif stem == "figures":
                spans = [record]
            else:
                spans = [record["trigger"], *record["agents"], *record["targets"], *record["locations"], *record["mentions"]]
            text = texts[record.get("article_id", record["id"])]
            for span in spans:
                assert text[span["start"] : span["end"]] == span["text"], span
