"""Interrupted runs: kill the process mid-run, check what is on disk, resume, compare.

A resumed run must end with exactly the output of an uninterrupted one, byte for byte: no
article lost, none duplicated, no figure or event of a half-written article left behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROVINCES = ["Kandahar", "Helmand", "Ghazni", "Logar", "Khost", "Paktya", "Kunduz", "Herat"]
NUMBERS = ["two", "three", "several", "four", "one", "five"]


def _articles(n: int) -> list[dict]:
    return [
        {
            "id": f"synthetic-{i:04d}",
            "text": f"KABUL, Afghanistan (Jan. {i % 28 + 1}, 2013)\nAfghan and coalition forces detained {NUMBERS[i % 6]} "
            f"suspected insurgents in {PROVINCES[i % 8]} province yesterday. Some {100 + i} rounds of ammunition were seized. "
            f"A Taliban leader who planned attacks against Afghan forces was killed on Sunday, officials said.",
        }
        for i in range(n)
    ]


def _extract(source: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(source), "--out", str(out), "--quiet", *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("interrupt") / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in _articles(120)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(source, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    process = _extract(source, out)
    assert process.wait(timeout=600) == 0, process.stderr.read()
    return out


@pytest.mark.parametrize("sig,expected_code", [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGINT, 130)])
def test_interrupted_run_resumes_to_the_uninterrupted_output(source, reference, tmp_path, sig, expected_code):
    out = tmp_path / "out"
    process = _extract(source, out)
    partial = out / ".partial" / "articles.jsonl"
    deadline = time.monotonic() + 300
    while _count_lines(partial) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(sig)
    assert process.wait(timeout=120) == expected_code

    assert not (out / "articles.jsonl").exists(), "final output must appear only when a run completes"
    for stem in ("articles", "figures", "events"):
        data = (out / ".partial" / f"{stem}.jsonl").read_bytes()
        assert data == b"" or data.endswith(b"\n")
        for line in data.decode("utf-8").splitlines():
            json.loads(line)
    done_before = _count_lines(partial)
    assert 20 <= done_before < 120

    resumed = _extract(source, out, "--resume")
    stdout, stderr = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, stderr
    assert f"{done_before} already done (resumed)" in stdout
    for stem in ("articles", "figures", "events"):
        assert (out / f"{stem}.jsonl").read_bytes() == (reference / f"{stem}.jsonl").read_bytes(), stem
    assert not (out / ".partial").exists()


def test_resume_drops_facts_of_an_article_without_its_line(source, reference, tmp_path):
    """Simulate a kill between an article's facts and its own line (the commit mark)."""
    out = tmp_path / "out"
    partial = out / ".partial"
    partial.mkdir(parents=True)
    articles = (reference / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    kept_ids = {json.loads(line)["id"] for line in articles[:10]}
    (partial / "articles.jsonl").write_text("".join(articles[:10]) + articles[10][:25], encoding="utf-8")
    for stem in ("figures", "events"):
        lines = (reference / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        upto = [line for line in lines if json.loads(line)["article_id"] in kept_ids | {json.loads(articles[10])["id"]}]
        (partial / f"{stem}.jsonl").write_text("".join(upto), encoding="utf-8")
    resumed = _extract(source, out, "--resume")
    stdout, stderr = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, stderr
    for stem in ("articles", "figures", "events"):
        assert (out / f"{stem}.jsonl").read_bytes() == (reference / f"{stem}.jsonl").read_bytes(), stem


def test_rerun_without_resume_replaces_the_output(source, reference, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl").write_text('{"stale": true}\n', encoding="utf-8")
    (out / ".partial").mkdir()
    (out / ".partial" / "articles.jsonl").write_text('{"id": "stale"}\n', encoding="utf-8")
    process = _extract(source, out)
    assert process.wait(timeout=600) == 0
    assert (out / "articles.jsonl").read_bytes() == (reference / "articles.jsonl").read_bytes()
