"""Events component: lexicon and gazetteer data, casualty arithmetic, and frames on real sentences."""

from __future__ import annotations

import pytest

from pipeline.components.events import (
    Victim,
    casualty_counts,
    is_roundup,
    load_gazetteer,
    load_lexicon,
    province_keys,
)
from pipeline.models import Event, EventType, Role

# ---------------------------------------------------------------- data files


def test_lexicon_entries_have_valid_types_and_patterns():
    lexicon = load_lexicon()
    assert lexicon.entries[("detain", "VERB")][0].type == EventType.DETENTION
    assert lexicon.entries[("detain", "VERB")][0].casualty == "captured"
    assert any(e.light for e in lexicon.entries[("conduct", "VERB")])
    assert lexicon.patterns, "multiword triggers (come to an end, declared defeated) are patterns"
    for entries in lexicon.entries.values():
        for entry in entries:
            assert entry.light or entry.type is not None
            assert entry.casualty in (None, "killed", "wounded", "captured")


def test_gazetteer_keeps_district_and_province():
    found = load_gazetteer().find("Insurgents were detained in Andar district, Ghazni province, on Sunday.")
    assert [m.text for m in found] == ["Andar district", "Ghazni province"]
    assert found[0].canonical == "Andar District, Ghazni Province"
    assert found[0].provinces == found[1].provinces == ("ghazni",)


def test_gazetteer_puts_a_district_where_the_text_says():
    gazetteer = load_gazetteer()
    # the gazetteer lists Jani Khel under Paktiya; the release places it in Paktika
    found = gazetteer.find("Insurgents were detained in Jani Khel district, Paktika province, yesterday.")
    assert found[0].canonical == "Jani Khel District, Paktika Province"
    assert found[0].provinces == ("paktika",)
    listed = gazetteer.find("targeted a leader for Murghab and Muqor districts of Badghis province")
    assert {m.provinces for m in listed} == {("badghis",)}
    assert gazetteer.find("in Zurmat district, Paktika province")[0].provinces == ("paktika",)
    # without a stated province, the gazetteer's own placement stands
    assert gazetteer.find("in Zurmat district")[0].provinces == ("paktya",)


def test_gazetteer_spelling_variants_and_case():
    gazetteer = load_gazetteer()
    assert [m.provinces for m in gazetteer.find("in Paktia province")] == [("paktya",)]
    assert [m.provinces for m in gazetteer.find("in Nahr-e Saraj district")] == [("helmand",)]
    assert [m.provinces for m in gazetteer.find("in Shigal wa Sheltan district")] == [("kunar",)]
    assert gazetteer.find("KABUL, Afghanistan (Jan. 22, 2013)") == []
    # a short district name needs the word "district": "Bak" alone is not a place
    assert gazetteer.find("Bak said the attack was over.") == []
    assert [m.provinces for m in gazetteer.find("in Bak district")] == [("khost",)]


def test_event_places_carry_their_province(nlp):
    text = "KABUL, Afghanistan (Jan. 5, 2013) Afghan forces detained two insurgents in Maiwand district today."
    (place,) = next(e for e in _events(nlp, text, dct="2013-01-05") if e.type == "detention").locations
    assert (place.canonical, place.admin1) == ("Maiwand District, Kandahar Province", "Kandahar Province")
    assert province_keys(place) == ["kandahar"]


def test_province_keys_of_roles():
    district = Role(text="Maiwand district", start=0, end=16, canonical="Maiwand District, Kandahar Province")
    assert province_keys(district) == ["kandahar"]
    assert province_keys(Role(text="Syria", start=0, end=5, canonical="Syria")) == []


# ---------------------------------------------------------------- casualty arithmetic


def test_same_group_told_twice_counts_once():
    victims = [Victim("captured", 3, "insurgent"), Victim("captured", 3, "insurgent")]
    assert casualty_counts(victims)["captured"] == 3


def test_distinct_groups_add_up():
    victims = [Victim("captured", 1, "leader"), Victim("captured", 2, "insurgent")]
    assert casualty_counts(victims) == {"killed": None, "wounded": None, "captured": 3}


def test_same_count_named_anew_is_the_same_group():
    # "two suspected insurgents were detained" ... "two males ... were detained"
    retold = [Victim("captured", 2, "insurgent", source=5, sentence=0), Victim("captured", 2, "male", source=40, sentence=30)]
    assert casualty_counts(retold)["captured"] == 2
    also = [Victim("captured", 2, "insurgent", source=5, sentence=0), Victim("captured", 2, "male", source=40, sentence=30, distinct=True)]
    assert casualty_counts(also)["captured"] == 4
    # "arrested a Taliban leader and detained one suspected insurgent": one sentence, two groups
    same_sentence = [Victim("captured", 1, "leader", source=5, sentence=0), Victim("captured", 1, "insurgent", source=9, sentence=0)]
    assert casualty_counts(same_sentence)["captured"] == 2


def test_anaphor_adds_only_when_nothing_else_was_said():
    assert casualty_counts([Victim("killed", 3, "insurgent"), Victim("killed", 2, "*", anaphoric=True)])["killed"] == 3
    assert casualty_counts([Victim("killed", 1, "*", anaphoric=True)])["killed"] == 1


def test_retelling_list_bounds_the_total_from_below():
    # "detained several insurgents, including a leader" ... "detained the leader along with two
    # of his associates": the list retells the haul (3), it does not add to it
    first = [Victim("captured", 3, "insurgent", source=2)]
    retold = [Victim("captured", 1, "leader", anaphoric=True, source=30, retelling=True),
              Victim("captured", 2, "associate", source=30, retelling=True)]
    assert casualty_counts(first + retold)["captured"] == 3
    # "the capture of a facilitator" ... "detained the facilitator along with several of his
    # associates" in a later event: that event adds what the list shows beyond the 1 told
    bigger = [Victim("captured", 1, "facilitator", anaphoric=True, source=30, retelling=True),
              Victim("captured", 3, "associate", source=30, retelling=True)]
    assert casualty_counts(bigger, told={"captured": 1})["captured"] == 3


def test_negated_victims_count_zero():
    assert casualty_counts([Victim("wounded", 0, "civilian", negated=True)])["wounded"] == 0


# ---------------------------------------------------------------- frames


def _events(nlp, text: str, dct: str | None = None, article_id: str = "t") -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc._.dct = dct
    doc = nlp(doc)
    for event in doc._.events:
        _check_offsets(doc.text, event)
    return doc._.events


def _check_offsets(text: str, event: Event) -> None:
    spans = [event.trigger, *event.mentions, *event.agents, *event.targets, *event.locations]
    if event.time is not None:
        spans.append(event.time)
    if event.attribution is not None:
        spans.append(event.attribution)
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert event.sentence in text


def _one(events: list[Event], type_: str) -> Event:
    matching = [e for e in events if e.type == type_]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in events]
    return matching[0]


ISAF = (
    "KABUL, Afghanistan (Jan. 22, 2013)\n"
    "Today, Afghan and coalition security forces confirmed a Taliban leader was arrested during a "
    "security operation in Maiwand district, Kandahar province, Sunday. The leader planned and conducted "
    "attacks against Afghan and coalition forces. During the operation, the security force also detained "
    "two suspected insurgents."
)


def test_isaf_release_detention(nlp):
    events = _events(nlp, ISAF, dct="2013-01-22", article_id="isaf-x")
    detentions = [e for e in events if e.type == "detention" and e.modality == "asserted"]
    assert sum(e.casualties.captured or 0 for e in detentions) == 3
    assert detentions[0].time is not None and detentions[0].time.value == "2013-01-20"
    canonicals = {loc.canonical for loc in detentions[0].locations}
    assert "Maiwand District, Kandahar Province" in canonicals and "Kandahar Province" in canonicals
    assert [e.id for e in events] == [f"isaf-x-e{n:03d}" for n in range(1, len(events) + 1)]


def test_repeated_fact_is_not_counted_twice(nlp):
    text = (
        "An Afghan and coalition security force detained several insurgents in Logar province Tuesday. "
        "After initial questioning on the scene, the assault force detained three insurgents for further questioning."
    )
    events = _events(nlp, text, dct="2010-09-01")
    assert sum(e.casualties.captured or 0 for e in events if e.type == "detention") == 3


def test_named_individual_and_returned_fire(nlp):
    text = (
        "An Afghan-led security force killed the Taliban commander Fayez Jan and one additional insurgent "
        "during an operation in Daman district, Kandahar province, today. The security force returned fire, "
        "killing Fayez Jan and one additional insurgent."
    )
    events = _events(nlp, text, dct="2012-06-14")
    assert sum(e.casualties.killed or 0 for e in events if e.modality == "asserted") == 2


def test_negated_casualties(nlp):
    # the strike happened; its casualties say that no one was wounded
    strike = _one(_events(nlp, "No civilians were injured in the strike.", dct="2011-03-16"), "airstrike")
    assert strike.casualties.wounded == 0
    assert {m.text for m in strike.mentions} == {"injured", "strike"}
    alone = _events(nlp, "No Afghan or coalition forces were killed.", dct="2011-03-16")
    assert alone and alone[0].modality == "negated" and alone[0].casualties.killed == 0


def test_seed_raid(nlp):
    text = (
        "In January 2023, a raid by one of these militias killed three American soldiers near the border "
        "between Syria and Jordan."
    )
    raid = _one(_events(nlp, text), "attack")
    assert raid.casualties.killed == 3
    assert raid.time is not None and raid.time.value == "2023-01"
    assert [a.canonical for a in raid.agents] == ["militias"]  # "one of these militias"
    assert {"Syria", "Jordan"} <= {loc.text for loc in raid.locations}
    assert {m.text for m in raid.mentions} == {"raid", "killed"}


def test_seed_planned_end(nlp):
    text = "Operation Inherent Resolve, led by a US-led international coalition, will come to an end by September 2026."
    end = _one(_events(nlp, text), "withdrawal")
    assert end.modality == "planned"
    assert "Operation Inherent Resolve" in {t.text for t in end.targets}  # the subject undergoes the end
    assert end.trigger.text == "come to an end"
    assert end.time is not None and end.time.value == "2026-09" and end.time.mod == "ON_OR_BEFORE"


def test_x_led_names_the_agent(nlp):
    text = "The US-led international operation against Daech in Iraq will come to an end in 2026."
    end = _one(_events(nlp, text), "withdrawal")
    assert [a.text for a in end.agents] == ["US"]


def test_seed_sale_light_verb(nlp):
    text = "In 2023, the US State Department approved a $65 million sale for the maintenance of Iraqi ships."
    doc = nlp.make_doc(text)
    doc._.article_id = "s"
    doc = nlp(doc)
    sale = _one(doc._.events, "arms_transfer")
    assert sale.time is not None and sale.time.value == "2023"
    assert any("State Department" in a.text for a in sale.agents)
    money = [f.id for f in doc._.figures if f.currency == "USD"]
    assert money and money[0] in sale.figure_ids


def test_seed_operation_result(nlp):
    text = (
        "A recent example is the joint operation carried out in August 2023, which resulted in the "
        "neutralization of 14 members of Daech, including 4 high-ranking officials."
    )
    operation = _one(_events(nlp, text), "military_operation")
    assert operation.casualties.killed == 14
    assert operation.time is not None and operation.time.value == "2023-08"


@pytest.mark.parametrize(
    "sentence, modality",
    [
        ("Officials said the army will launch an offensive next month.", "planned"),
        ("The coalition may conduct air strikes in the area.", "possible"),
        ("Coalition forces did not detain anyone.", "negated"),
        ("Coalition forces detained two insurgents.", "asserted"),
    ],
)
def test_modality(nlp, sentence, modality):
    events = _events(nlp, sentence, dct="2013-01-22")
    assert events and events[0].modality == modality


def test_attribution(nlp):
    events = _events(nlp, "Afghan officials said the security force detained two suspected insurgents.", dct="2013-01-22")
    detention = _one(events, "detention")
    assert detention.attribution is not None and "said" in detention.attribution.text


def test_report_day_is_not_the_event_day(nlp):
    text = (
        "KABUL, Afghanistan (Sept. 24)\nAfghan and coalition forces today confirmed the arrest of an insurgent "
        "financial coordinator during an operation in Kandahar City, Kandahar province Sept. 19."
    )
    arrest = _one(_events(nlp, text, dct="2012-09-24"), "detention")
    assert arrest.time is not None and arrest.time.value == "2012-09-19"
    assert arrest.casualties.captured == 1


def test_roundup_sentence_is_not_merged_with_its_incidents(nlp):
    text = (
        "More than 15 insurgents were killed by Afghan and coalition "
        "forces during separate operations in southern and eastern Afghanistan over the last 24 hours.\n"
        "In Tagab district, Kapisa province, coalition forces engaged the enemy position, killing more than "
        "10 insurgents."
    )
    events = [e for e in _events(nlp, text, dct="2010-12-28") if e.casualties.killed]
    roundups = [e for e in events if is_roundup(e.sentence)]
    incidents = [e for e in events if not is_roundup(e.sentence)]
    assert [e.casualties.killed for e in roundups] == [16]  # more than 15: at least 16
    assert [e.casualties.killed for e in incidents] == [11]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Several insurgents were killed during separate clearing operations over the past 24 hours.", True),
        ("Forces detained more than 10 suspected insurgents during three operations in Afghanistan yesterday.", True),
        ("Forces targeted leaders during operations in Khost, Kandahar and Nangarhar provinces.", True),
        ("Forces found caches as well as killed several insurgents in the east and south today.", True),
        ("A security force detained two insurgents during an operation in Khost province.", False),
        ("Insurgents attacked a base in eastern Afghanistan.", False),
        ("The security force conducted a separate search of the compound.", False),
    ],
)
def test_is_roundup(sentence, expected):
    assert is_roundup(sentence) is expected


def test_along_with_adds_victims(nlp):
    text = (
        "An Afghan and coalition security force captured a Haqqani Network facilitator along with more than "
        "10 of his associates during an overnight operation in Khost province."
    )
    events = _events(nlp, text, dct="2010-11-03")
    assert sum(e.casualties.captured or 0 for e in events if e.type == "detention") == 12


def test_retold_haul_is_not_added_twice(nlp):
    text = (
        "KABUL, Afghanistan (Sept. 29, 2010) - Afghan and coalition forces detained several insurgents in Khost "
        "province overnight, including a Haqqani Network leader.\n\n"
        "The security force identified and detained the leader along with two of his associates."
    )
    captured = sum(e.casualties.captured or 0 for e in _events(nlp, text, dct="2010-09-29"))
    assert captured == 3


def test_materiel_in_a_detention_list_is_no_victim(nlp):
    text = (
        "KABUL, Afghanistan (Oct. 25, 2010) - During the operation, the security force detained two suspected "
        "insurgents and secured multiple automatic weapons and ammunition."
    )
    captured = sum(e.casualties.captured or 0 for e in _events(nlp, text, dct="2010-10-25"))
    assert captured == 2


def test_nominal_subject_is_the_agent_before_a_clausal_one(nlp):
    text = "KABUL, Afghanistan (Feb. 8, 2011) - The team completed its assessment, concluding ISAF accidentally killed two civilians."
    killing = next(e for e in _events(nlp, text, dct="2011-02-08") if e.casualties.killed)
    assert [a.text for a in killing.agents] == ["ISAF"]


def test_confirmed_killed_counts_the_passive_subject(nlp):
    text = "KABUL, Afghanistan (Oct. 6, 2012) A Taliban commander was confirmed killed today in Chak district, Wardak province."
    assert sum(e.casualties.killed or 0 for e in _events(nlp, text, dct="2012-10-06")) == 1


def test_inverted_passive_names_its_victims_after_the_verb(nlp):
    text = (
        "KABUL, Afghanistan (Sept. 17, 2012) - Coalition forces conducted an airstrike in Kunar province Saturday. "
        "Also killed in the strike were more than a dozen armed insurgents."
    )
    assert sum(e.casualties.killed or 0 for e in _events(nlp, text, dct="2012-09-17")) == 13


def test_victim_named_by_known_as_counts_one_by_name(nlp):
    text = (
        "KABUL, Afghanistan (Sept. 17, 2012) - The insurgent, known as Mahmood, was killed in an airstrike in "
        "Bar Kunar district, Kunar province, Saturday. Also killed in the strike were two armed insurgents."
    )
    assert sum(e.casualties.killed or 0 for e in _events(nlp, text, dct="2012-09-17")) == 3


def test_a_participle_naming_a_detention_lends_it_no_place(nlp):
    text = (
        "KABUL, Afghanistan (June 23, 2012) An Afghan-led security force apprehended a Taliban leader in Maiwand "
        "district, Kandahar province, today. The detained Taliban leader was responsible for directing attacks "
        "against coalition forces in Kandahar and Helmand."
    )
    detentions = [e for e in _events(nlp, text, dct="2012-06-23") if e.type == "detention"]
    assert {c for e in detentions for r in e.locations for c in province_keys(r)} == {"kandahar"}


def test_a_planned_detention_does_not_tell_the_later_arrest(nlp):
    text = (
        "KABUL, Afghanistan (July 17, 2010) - A combined force conducted an operation in Kabul City July 16 to detain "
        "a senior Taliban commander. NDS officials arrested the insurgent as he was walking in the city."
    )
    events = _events(nlp, text, dct="2010-07-17")
    assert sum(e.casualties.captured or 0 for e in events if e.modality == "asserted") == 1


def test_a_bare_plural_activity_noun_is_no_happening(nlp):
    text = "Sleeper cells continued to operate, justifying the continuation of targeted military operations."
    assert not [e for e in _events(nlp, text) if e.trigger.text == "operations"]
    dated = "Coalition forces conducted operations in Kandahar province yesterday."
    assert [e for e in _events(nlp, dated, dct="2012-05-04") if e.trigger.text == "operations"]


def test_a_dated_toll_joins_no_undated_killing(nlp):
    text = (
        "The murder of Dr. Barnett Slepian is the latest assault on doctors.\n\n"
        "Since 1993, seven doctors and nurses have been killed."
    )
    murder = next(e for e in _events(nlp, text, dct="1998-10-25") if e.trigger.text == "murder")
    assert murder.casualties.killed == 1


def test_responsibility_names_the_agent(nlp):
    text = "The Haqqani network was responsible for the attack on the Kabul Intercontinental Hotel."
    attack = next(e for e in _events(nlp, text) if e.trigger.text == "attack")
    assert [a.canonical for a in attack.agents] == ["Haqqani network"]
    claimed = next(e for e in _events(nlp, "The Taliban claimed responsibility for the bombing in Kabul.") if e.trigger.text == "bombing")
    assert [a.canonical for a in claimed.agents] == ["Taliban"]


def test_a_later_dated_paragraph_tells_another_operation(nlp):
    text = (
        "KABUL, Afghanistan (July 31, 2010) - An Afghan-led security force detained several suspected insurgents "
        "during a two-day clearing operation in Panjwa'i district.\n\n"
        "In June, insurgents engaged the assault force during a similar clearing operation. The assault force "
        "responded, detaining many more suspected insurgents.\n\n"
        "Since June, security forces have conducted several clearing operations capturing more than 125 suspected insurgents."
    )
    lead = next(e for e in _events(nlp, text, dct="2010-07-31") if e.trigger.text == "detained")
    assert lead.casualties.captured == 3 and lead.time is None


def test_a_later_vague_group_sums_up_a_haul_but_not_one_person(nlp):
    summed = (
        "KABUL, Afghanistan (July 23, 2011) A patrol detained two suspected insurgents during an operation in "
        "Wardak province yesterday.\n\nSeveral men were detained during the operation and weapons were seized."
    )
    assert sum(e.casualties.captured or 0 for e in _events(nlp, summed, dct="2011-07-23")) == 3
    added = (
        "KABUL, Afghanistan (Jan. 27, 2012) A security force captured a Taliban facilitator during an operation in "
        "Helmand province today. Multiple suspected insurgents were detained during the operation."
    )
    assert sum(e.casualties.captured or 0 for e in _events(nlp, added, dct="2012-01-27")) == 4


def test_the_operation_points_back_at_a_patrol_and_specifies_its_count(nlp):
    text = (
        "KABUL, Afghanistan (Feb. 16, 2011) - A joint Afghan and ISAF patrol targeted a Taliban expert in "
        "Nawah-ye Barakzai district, Helmand province today.  Several armed men were killed and one man was "
        "detained during the operation.  The target of the operation leads insurgent groups in northern Kandahar "
        "province.  During the operation four men were killed when they each presented a threat to the patrol."
    )
    events = _events(nlp, text, dct="2011-02-16")
    assert sum(e.casualties.killed or 0 for e in events) == 4
    patrol = next(e for e in events if e.trigger.text == "patrol")
    assert {k for r in patrol.locations for k in province_keys(r)} == {"helmand"}


def test_a_participant_clause_does_not_place_the_happening(nlp):
    text = (
        "KABUL, Afghanistan (Dec. 1, 2012) Yesterday, in Sar-e Pul district, Sar-e Pul province, a security force "
        "arrested two insurgents during an operation in search of a Taliban leader who controls insurgents in "
        "Jowzjan and Sar-e Pul provinces."
    )
    arrest = next(e for e in _events(nlp, text, dct="2012-12-01") if e.type == "detention")
    assert {k for r in arrest.locations for k in province_keys(r)} == {"sar_e_pul"}
