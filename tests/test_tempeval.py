"""benchmarks/tempeval.py: the TempEval-3 Task A scorer, and a short run on TimeBank."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("tempeval", ROOT / "benchmarks" / "tempeval.py")
tempeval = importlib.util.module_from_spec(_spec)
sys.modules["tempeval"] = tempeval  # dataclasses look their module up there
_spec.loader.exec_module(tempeval)
T = tempeval.T


def test_matching_is_one_to_one_and_prefers_exact_spans() -> None:
    gold = [T(0, 9, "last week", "DATE", "1998-W07"), T(20, 26, "Friday", "DATE", "1998-02-13")]
    system = [T(0, 4, "last", "DATE", "x"), T(0, 9, "last week", "DATE", "1998-W07"),
              T(18, 26, "on Friday", "DATE", "1998-02-13")]
    strict = tempeval.match(gold, system, strict=True)
    relaxed = tempeval.match(gold, system, strict=False)
    assert [(g.text, s.text) for g, s in strict] == [("last week", "last week")]
    assert sorted((g.text, s.text) for g, s in relaxed) == [("Friday", "on Friday"), ("last week", "last week")]


def test_prf() -> None:
    assert tempeval.prf(2, 4, 2) == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    assert tempeval.prf(0, 0, 3) == {"p": 0.0, "r": 0.0, "f1": 0.0}


@pytest.mark.parametrize(
    "timex, category",
    [
        (T(0, 1, "third quarter", "DATE", "1998-Q3"), "DATE quarter/week/season/half"),
        (T(0, 1, "three months", "DURATION", "P3M"), "DURATION with a number"),
        (T(0, 1, "Aug. 7", "DATE", "1998-08-07"), "DATE month+day without year"),
        (T(0, 1, "now", "DATE", "PRESENT_REF"), "DATE vague refs"),
        (T(0, 1, "Friday", "DATE", "1998-02-13"), "DATE weekday name"),
        (T(0, 1, "last year", "DATE", "1997"), "DATE relative year"),
    ],
)
def test_categories(timex, category: str) -> None:
    assert tempeval.category(timex) == category


@pytest.mark.slow
def test_benchmark_on_a_few_documents(shared_dir: Path, tmp_path: Path) -> None:
    data = shared_dir / "benchmarks" / "timebank"
    out = tmp_path / "tempeval.json"
    assert tempeval.main(["--limit", "6", "--data", str(data), "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["documents"] == 6 and result["gold"] > 20
    # Floors well under the full-set scores (strict 0.88, value 0.80), above the naive baselines.
    assert result["strict"]["f1"] >= 0.70
    assert result["relaxed"]["f1"] >= 0.80
    assert result["value"]["f1"] >= 0.60
    assert result["seconds"]["spacy"] > 0
