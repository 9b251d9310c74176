"""The command line end to end: exit codes, error records, order, determinism, atomic output."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "a_good.txt").write_text("KABUL, Afghanistan (Jan. 22, 2013)\nAfghan forces detained two suspected insurgents in Kandahar province yesterday.", encoding="utf-8")
    (folder / "b_binary.txt").write_bytes(b"\x00\xff\x00\xfe")
    (folder / "c_feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "text": "A raid killed three soldiers in January 2023."}) + "\n{broken\n" + json.dumps({"id": "feed-2", "text": "Nothing happened."}) + "\n",
        encoding="utf-8",
    )
    return folder


def test_extract_keeps_going_past_bad_input_and_exits_1(mixed_inputs, tmp_path, capsys):
    code = main(["extract", str(mixed_inputs), "--out", str(tmp_path), "--quiet"])
    assert code == 1
    articles = _lines(tmp_path / "articles.jsonl")
    assert [(a["id"], a["status"]) for a in articles] == [("a_good", "ok"), ("b_binary", "error"), ("feed-1", "ok"), ("c_feed.jsonl:2", "error"), ("feed-2", "ok")]
    assert articles[1]["error"]["type"] == "E108" and articles[1]["error"]["where"].endswith("b_binary.txt")
    assert articles[3]["error"]["where"].endswith("c_feed.jsonl:2")
    assert articles[0]["dct"] == {"value": "2013-01-22", "source": "dateline"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    out = capsys.readouterr().out
    assert "articles: 3 ok, 2 failed" in out and "words/s" in out


def test_extract_is_byte_for_byte_deterministic(mixed_inputs, tmp_path):
    main(["extract", str(mixed_inputs), "--out", str(tmp_path / "one"), "--quiet"])
    main(["extract", str(mixed_inputs), "--out", str(tmp_path / "two"), "--quiet"])
    for name in ("articles.jsonl", "figures.jsonl", "events.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_published_flag_is_the_fallback_dct(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "Troops left on Friday."}) + "\n" + json.dumps({"id": "y", "text": "Troops left.", "published": "2020-05-06T10:00:00Z"}) + "\n", encoding="utf-8")
    assert main(["extract", str(source), "--out", str(tmp_path / "o"), "--published", "2021-03-04", "--quiet"]) == 0
    dcts = [a["dct"] for a in _lines(tmp_path / "o" / "articles.jsonl")]
    assert dcts == [{"value": "2021-03-04", "source": "cli"}, {"value": "2020-05-06", "source": "metadata"}]


def test_unparseable_published_is_a_warning_not_an_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "KABUL, Afghanistan (Jan. 22, 2013)\nTroops left.", "published": "last Tuesday-ish"}) + "\n", encoding="utf-8")
    assert main(["extract", str(source), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    [article] = _lines(tmp_path / "o" / "articles.jsonl")
    assert article["status"] == "ok" and article["dct"]["source"] == "dateline" and article["warnings"][0].startswith("W001")


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    assert "E111" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x.txt", "--out", str(tmp_path), "--published", "May 5"])
    assert exit_info.value.code == 2
    assert main(["extract", str(tmp_path), "--out", str(tmp_path), "--model", "no_such_model_xx"]) == 2


def test_stdin_and_python_dash_m(tmp_path):
    line = json.dumps({"id": "s1", "text": "Some 2,500 American troops are stationed in Iraq."}) + "\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", "-", "--out", str(tmp_path), "--quiet"], input=line, text=True, capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [a["id"] for a in _lines(tmp_path / "articles.jsonl")] == ["s1"]


def test_failed_run_leaves_previous_output_intact(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl").write_text('{"old": true}\n', encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "Text."}) + "\n", encoding="utf-8")

    def explode(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.writers.OutputWriter.write", explode)
    assert main(["extract", str(source), "--out", str(out), "--quiet"]) == 130
    assert (out / "articles.jsonl").read_text(encoding="utf-8") == '{"old": true}\n'
    assert sorted(p.name for p in out.iterdir()) == [".partial", "articles.jsonl"]


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path):
    source = tmp_path / "in.jsonl"
    texts = [f"KABUL, Afghanistan (Jan. {i + 1}, 2013)\nAfghan forces detained {i + 2} suspected insurgents in Helmand province yesterday." for i in range(40)]
    source.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)) + "{bad\n", encoding="utf-8")
    assert main(["extract", str(source), "--out", str(tmp_path / "one"), "--quiet"]) == 1
    assert main(["extract", str(source), "--out", str(tmp_path / "two"), "--jobs", "2", "--quiet"]) == 1
    for name in ("articles.jsonl", "figures.jsonl", "events.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
