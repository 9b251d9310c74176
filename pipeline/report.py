"""HTML report of an output directory, and the gold-vs-system diff. (stub: issue 9)"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_report(output_dir: Path, target: Path) -> Path:
    raise NotImplementedError("the HTML report is not built yet (issue 9)")


def write_eval_diff(report: dict[str, Any], gold_dir: Path, output_dir: Path, target: Path) -> Path:
    raise NotImplementedError("the HTML eval diff is not built yet (issue 9)")
