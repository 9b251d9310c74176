"""Events component: when a time told earlier (the paragraph's, the lede's) may date a mention
that states no time of its own."""

from __future__ import annotations

from pipeline.models import Event

DATELINE = "KABUL, Afghanistan (Jan. 22, 2013)\n"
DCT = "2013-01-22"


def _events(nlp, text: str, dct: str | None = None, article_id: str = "t") -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc._.dct = dct
    doc = nlp(doc)
    return doc._.events


def _time(events: list[Event], trigger: str) -> str | None:
    matching = [e for e in events if e.trigger.text == trigger]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in events]
    time = matching[0].time
    return time.value if time is not None else None


def test_lede_day_dates_mentions_below_but_lede_year_does_not(nlp):
    # press-release style: the lede's day carries to what is told paragraphs below
    release = DATELINE + "Afghan forces detained two insurgents in Kandahar province yesterday.\nInsurgents attacked a checkpoint in Helmand province."
    assert _time(_events(nlp, release, dct=DCT), "attacked") == "2013-01-21"
    # a year in the lede is the article's topic, not the day of what is told below
    background = "The coalition trained thousands of Iraqi soldiers in 2019.\nMilitants attacked a checkpoint near the border with Syria."
    assert _time(_events(nlp, background), "attacked") is None
