"""A run over the whole shared benchmark corpus with bad files injected among the good ones:
exit status 1, one error record per bad file, every good article present and processed."""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline.cli import main

BAD_FILES = {
    "bad_binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
    "bad_latin1.txt": "Les forces ont tu\xe9 14 membres.".encode("latin-1"),
    "bad_empty.md": b"",
    "bad_no_body.html": b"<html><head><title>nothing</title></head><body></body></html>",
}


@pytest.mark.timeout(1200)
def test_benchmark_corpus_with_injected_bad_files(shared_dir, tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    good_ids = []
    # in the order the directory is read: sorted file names (articles.jsonl, then timebank_input.jsonl)
    for relative in ("benchmarks/isaf-dev/articles.jsonl", "benchmarks/timebank/timebank_input.jsonl"):
        source = shared_dir / relative
        target = inputs / source.name
        shutil.copyfile(source, target)  # a temporary copy for this run, outside the repository
        good_ids += [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").split("\n") if line.strip()]
    for name, data in BAD_FILES.items():
        (inputs / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["extract", str(inputs), "--out", str(out), "--jobs", "2", "--quiet"]) == 1
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").split("\n") if line]
    errors = [a for a in articles if a["status"] == "error"]
    assert sorted(a["origin"].rsplit("/", 1)[-1] for a in errors) == sorted(BAD_FILES)
    ok = [a["id"] for a in articles if a["status"] == "ok"]
    assert ok == good_ids
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in (inputs / "timebank_input.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()}
    stored = {a["id"]: a["text"] for a in articles if a["id"] in texts}
    assert stored == texts, "texts must stay byte-identical"
