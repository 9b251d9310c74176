"""The Ray engine, on a local Ray cluster, writes the same records as the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.engines.ray import actor_count

ROOT = Path(__file__).resolve().parents[1]


def test_actor_pool_leaves_a_cpu_for_reads():
    assert actor_count(2) == 1
    assert actor_count(1) == 1
    assert actor_count(16) == 15


@pytest.mark.timeout(600)
def test_ray_engine_matches_local_engine(tmp_path):
    ray = pytest.importorskip("ray")
    from pipeline.cli import main

    from pipeline.ingest import read_inputs

    source = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": a.id, "text": a.text, "source": a.source}) for a in read_inputs([str(ROOT / "corpus")])]
    lines += [json.dumps({"id": f"extra-{i}", "text": f"KABUL, Afghanistan (Jan. {i + 1}, 2013)\nAfghan forces detained {i + 2} suspected insurgents in Helmand province yesterday."}) for i in range(20)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        assert main(["extract", str(source), "--out", str(tmp_path / "local"), "--quiet"]) == 0
        assert main(["extract", str(source), "--out", str(tmp_path / "ray"), "--engine", "ray", "--quiet"]) == 0
    finally:
        ray.shutdown()
    for stem in ("figures", "events"):
        local = (tmp_path / "local" / f"{stem}.jsonl").read_text(encoding="utf-8")
        assert (tmp_path / "ray" / f"{stem}.jsonl").read_text(encoding="utf-8") == local, stem
    local_articles = _read(tmp_path / "local" / "articles.jsonl")
    ray_articles = _read(tmp_path / "ray" / "articles.jsonl")
    assert len(ray_articles) == 21
    for mine, theirs in zip(ray_articles, local_articles):
        # Ray Data's line reader does not number lines: origin names the file only.
        assert theirs["origin"].startswith(mine.pop("origin")) and theirs.pop("origin")
        assert mine == theirs


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
