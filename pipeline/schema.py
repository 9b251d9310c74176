"""JSON Schema files generated from the pydantic models: `schemas/v{major}/{record}.schema.json`."""

from __future__ import annotations

import json
from pathlib import Path

from .models import RECORDS, SCHEMA_VERSION


def schema_documents() -> dict[str, dict]:
    """File name → JSON Schema, for every record type written to OUTPUT_DIR."""
    major = SCHEMA_VERSION.split(".")[0]
    documents = {}
    for stem, model in RECORDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://newsfacts.dev/schemas/v{major}/{stem}.schema.json"
        schema["x-schema-version"] = SCHEMA_VERSION
        documents[f"v{major}/{stem}.schema.json"] = schema
    return documents


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    written = []
    for name, schema in schema_documents().items():
        path = Path(out_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
