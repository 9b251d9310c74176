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


def test_present_perfect_takes_no_time_told_before(nlp):
    text = DATELINE + (
        "Afghan forces detained a Taliban leader in Kandahar province Sunday.\n"
        "The security force also detained two suspected insurgents. The insurgents have carried out several attacks in the district."
    )
    events = _events(nlp, text, dct=DCT)
    assert _time(events, "detained") == "2013-01-20"
    assert _time(events, "attacks") is None
    # a time in its own sentence still dates it
    own = DATELINE + "Afghan forces detained a Taliban leader in Kandahar province Sunday.\nSince 2011, the leader has carried out several attacks in the district."
    assert _time(_events(nlp, own, dct=DCT), "attacks") == "2011"


def test_simple_present_takes_no_time_told_before(nlp):
    text = DATELINE + "Afghan forces detained a Taliban leader in Paktiya province yesterday.\nThe leader coordinates roadside bomb attacks in Gardez district."
    events = _events(nlp, text, dct=DCT)
    assert _time(events, "detained") == "2013-01-21"
    assert _time(events, "attacks") is None
    # a headline's present tells the news itself, so it keeps the lede's day
    headline = "Security patrols wrap up several leaders\n" + DATELINE + "Afghan forces detained a Taliban leader in Paktiya province yesterday."
    assert _time(_events(nlp, headline, dct=DCT), "patrols") == "2013-01-21"


def test_planned_time_does_not_date_a_past_happening(nlp):
    text = DATELINE + (
        "Officials met in Kabul.\n"
        "Afghan forces detained two insurgents in Kandahar province on Sunday. "
        "The coalition mission will end on Sept. 30, 2026. Militants attacked a checkpoint near the base."
    )
    # the paragraph's narrative day is Sunday; the mission's due date dates no attack
    assert _time(_events(nlp, text, dct=DCT), "attacked") == "2013-01-20"
    # a planned happening may take it
    planned = DATELINE + "Officials met in Kabul.\nThe coalition mission will end on Sept. 30, 2026. The government will fund a new army."
    assert _time(_events(nlp, planned, dct=DCT), "fund") == "2026-09-30"
