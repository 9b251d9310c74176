"""The figures component: arbitration against times and names, what is counted, casualties, and
the benchmark targets of issue 4 (own gold, the seed's golden figures, speed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from pipeline import models

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("figures_benchmark", ROOT / "benchmarks" / "figures.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["figures_benchmark"] = bench
_spec.loader.exec_module(bench)


def figs(nlp, text: str) -> list[models.Figure]:
    return nlp(text)._.figures


def test_offsets_ids_and_order(nlp) -> None:
    text = "Militants killed three soldiers. Some 2,500 troops stayed, and more than $4 billion was spent."
    doc = nlp(text)
    found = doc._.figures
    assert [f.text for f in found] == ["three", "Some 2,500", "more than $4 billion"]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert len({f.id for f in found}) == 3 and found[0].id == nlp(text)._.figures[0].id


def test_ids_derive_from_article_id(nlp) -> None:
    doc = nlp.make_doc("The army sent 300 soldiers.")
    doc._.article_id = "a1"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(f.id, f.article_id) for f in doc._.figures] == [("a1-f001", "a1")]


def test_a_time_span_is_never_a_figure(nlp) -> None:
    doc = nlp.make_doc("The army sent 300 soldiers.")
    for name, proc in nlp.pipeline:
        if name == "newsfacts_figures":
            doc._.times = [models.TimeExpr(text="300", start=14, end=17, type="DATE", value="0300")]
        doc = proc(doc)
    assert doc._.figures == []


@pytest.mark.parametrize(
    "text",
    ["The operation will end by September 2026.", "Daech was defeated in 2017.", "It arrived on Sept. 1 at 10 a.m.",
     "The aid was delayed by a decade.", "The talks lasted three days.", "The army bought Challenger 2 tanks.",
     "The council passed Resolution 2334.", "Israel flies the F-35.", "The 3rd battalion attacked first.",
     "See release 2013-01-S-022.", "Call +1 202 555 0147.", "A raid by one of these militias.", "Some analysts doubt it.",
     "The troops found weapons in the compound.", "Coalition forces aim to neutralize terrorist cells."],
)
def test_not_figures(nlp, text: str) -> None:
    assert figs(nlp, text) == []


def test_measured_kind_and_inheritance(nlp) -> None:
    f40, f6 = figs(nlp, "The number of U.S. troops in the area has risen to 40,000, an increase of 6,000 over the usual average.")
    assert (f40.measured, f40.kind, f6.kind, f6.measured) == ("U.S. troops", "level", "change", "U.S. troops")
    (sale,) = figs(nlp, "The State Department approved a $65 million sale for the maintenance of Iraqi ships.")
    assert (sale.value, sale.currency, sale.measured, sale.measured_lemma) == (6.5e7, "USD", "sale", "sale")
    (members,) = figs(nlp, "The raid resulted in the neutralization of 14 members of Daech.")
    assert members.measured == "members of Daech"
    (drop,) = figs(nlp, "Oil output saw a 10 percent drop.")
    assert (drop.kind, drop.measured, drop.unit, drop.dimension) == ("change", None, "%", "percentage")


def test_casualty_counts(nlp) -> None:
    leader, two = figs(nlp, "A Taliban leader and two suspected insurgents were detained.")
    assert (leader.text, leader.value, two.value, two.measured) == ("A Taliban leader", 1, 2, "suspected insurgents")
    (bare,) = figs(nlp, "Insurgents were detained during the operation.")
    assert (bare.text, bare.value, bare.lower, bare.measured_lemma) == ("Insurgents", 2, 2, "insurgent")
    (some,) = figs(nlp, "Coalition forces killed some insurgents near the village.")
    assert (some.value, some.lower) == (3, 3)
    (one,) = figs(nlp, "The force detained one suspected during the operation.")
    assert one.value == 1
    (cmdr,) = figs(nlp, "A Taliban commander was confirmed killed today.")
    assert cmdr.value == 1


def test_time_and_locations_of_a_figure(nlp) -> None:
    text = "In 2023, the army deployed 500 soldiers in Kabul. Later, 20 tanks arrived."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "newsfacts_figures":
            doc._.times = [models.TimeExpr(text="2023", start=3, end=7, type="DATE", value="2023")]
        doc = proc(doc)
    soldiers, tanks = doc._.figures
    assert soldiers.time is not None and soldiers.time.value == "2023"
    assert [(r.text, r.label) for r in soldiers.locations] == [("Kabul", "GPE")]
    assert tanks.time is None and tanks.locations == []
    assert soldiers.sentence == "In 2023, the army deployed 500 soldiers in Kabul."


def test_own_gold_targets(nlp) -> None:
    """Issue 4: value accuracy >= 0.97, bounds and unit/currency >= 0.95 on tests/data/figures_gold.jsonl."""
    cases = bench.load_gold()
    assert len(cases) >= 150 and {c["family"] for c in cases} >= {
        "digits", "scale", "words", "percent", "lower", "upper", "approx", "range", "vague", "currency", "unit",
        "change", "year", "names", "casualty"}
    result = bench.score_gold(nlp, cases)
    acc = result["accuracy"]
    assert acc["value"] >= 0.97 and acc["bounds"] >= 0.95 and acc["unit_currency"] >= 0.95, result["errors"]
    assert result["overall"]["precision"] >= 0.95 and result["overall"]["recall"] >= 0.95, result["errors"]


def test_seed_golden_figures(nlp, shared_dir) -> None:
    """Every golden seed figure with the right value, bounds and measured noun; nothing else."""
    seed = bench.score_seed(nlp)
    assert (seed["missing"], seed["wrong"], seed["extra"]) == ([], [], [])
