"""The README's pandas and DuckDB snippets run as written on the seed's output."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _snippets() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Consuming the dataset", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_readme_snippets_run_on_the_seed_output(seed_output, tmp_path, monkeypatch):
    (tmp_path / "output").symlink_to(seed_output, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    snippets = _snippets()
    assert len(snippets) == 2
    namespace: dict = {}
    for code in snippets:
        exec(compile(code, "README.md", "exec"), namespace)
    assert len(namespace["events_table"]) >= 5
    assert namespace["killed"] >= 3
    assert len(namespace["events_by_month"]) >= 3
    assert "2023-01" in set(namespace["events_by_month"]["month"])
    assert namespace["figures_by_noun"]["n"].sum() >= 10
