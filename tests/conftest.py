"""Shared fixtures: one loaded pipeline per test session (loading costs about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCHMARKS = SHARED / "benchmarks"


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not BENCHMARKS.is_dir():
        pytest.skip("../shared/benchmarks is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory, nlp) -> Path:
    """The pipeline's output for `corpus/`, written once per test session."""
    from pipeline.run import run

    out = tmp_path_factory.mktemp("seed_output")
    summary = run([str(ROOT / "corpus")], out, nlp, progress=False)
    assert summary.failed == 0
    return out
