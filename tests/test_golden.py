"""Golden facts: the pipeline's output for corpus/ scored against corpus/gold through `eval`."""

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report(seed_output):
    return evaluate(ROOT / "corpus", seed_output)


def test_every_score_meets_the_committed_baseline(report):
    baseline = json.loads((ROOT / "corpus" / "baseline.json").read_text(encoding="utf-8"))
    below = {name: (report["overall"].get(name, 0.0), floor) for name, floor in baseline.items() if report["overall"].get(name, 0.0) < floor}
    assert not below, below


def test_seed_targets(report):
    overall = report["overall"]
    assert overall["times.value.f1"] >= 0.9
    assert overall["times.value_type_mod.f1"] >= 0.9
    assert overall["figures.qualified.f1"] >= 0.85
    assert overall["entities.groups_consistent"] == 1.0


def test_dated_key_events_have_type_and_date(report):
    [scores] = report["articles"].values()
    gold = json.loads((ROOT / "corpus" / "gold" / "000_e1704b20f57f0b7c.json").read_text(encoding="utf-8"))
    dated = [f"{g['type']} {g['trigger']['text']!r}@{g['trigger']['start']}" for g in gold["events"] if g["time"]]
    problems = [miss for miss in scores["events"]["misses"] if any(miss.split(": ")[0].endswith(label) for label in dated)]
    assert not problems, problems


def test_eval_command_writes_report_and_exits_1_under_baseline(seed_output, tmp_path, capsys):
    assert main(["eval", "--gold", str(ROOT / "corpus"), str(seed_output), "--report", str(tmp_path / "r.json")]) == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["overall"]
    impossible = tmp_path / "baseline.json"
    impossible.write_text(json.dumps({"times.value.f1": 1.01}), encoding="utf-8")
    assert main(["eval", "--gold", str(ROOT / "corpus"), str(seed_output), "--report", str(tmp_path / "r.json"), "--baseline", str(impossible)]) == 1
    assert "BELOW BASELINE times.value.f1" in capsys.readouterr().out
