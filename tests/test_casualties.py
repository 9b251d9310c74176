"""Casualty counts outside military press releases: wire-news phrasings of deaths, injuries and
captures (intransitive verbs, tolls, negation, gapping). Sentences are written for these tests."""

from __future__ import annotations

import pytest

from pipeline.models import Event


def _events(nlp, text: str) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.article_id = "cas"
    doc._.dct = "2020-03-10"
    doc = nlp(doc)
    return doc._.events


def _total(nlp, text: str, kind: str) -> int:
    """The article's count of one kind over its asserted events, as the benchmarks sum it."""
    return sum(getattr(e.casualties, kind) or 0 for e in _events(nlp, text) if e.modality == "asserted")


# ---------------------------------------------------------------- negation


@pytest.mark.parametrize(
    "text",
    [
        "A guard was shot dead at the depot on Monday. Nobody else was injured.",
        "A guard was shot dead at the depot on Monday. It did not appear that anyone else was injured.",
    ],
)
def test_negated_injury_counts_nobody(nlp, text):
    assert _total(nlp, text, "wounded") == 0


def test_anyone_is_nobody_in_particular(nlp):
    text = "A bomb exploded outside the bank on Monday. It was not immediately clear whether anyone was injured."
    assert _total(nlp, text, "wounded") == 0


# ---------------------------------------------------------------- intransitive deaths


def test_subject_of_die_is_the_victim(nlp):
    assert _total(nlp, "Four climbers died in an avalanche on Sunday.", "killed") == 4
    # the parser may hang a noun on the intransitive verb as its object: not a second victim
    assert _total(nlp, "Ten people died on Monday, three of them children, and 40 were injured.", "killed") == 10
    assert _total(nlp, "More than 30 villagers have died since the floods began on Monday.", "killed") == 31


# ---------------------------------------------------------------- totals


def test_number_of_injured_takes_the_predicated_figure(nlp):
    assert _total(nlp, "The number injured rose to 150 on Monday, officials said.", "wounded") == 150
    # a toll that topped 150 is more than 150, coded as 151 like "more than 150"
    assert _total(nlp, "The number injured topped 150 on Monday, officials said.", "wounded") == 151


def test_death_toll_takes_the_predicated_figure(nlp):
    assert _total(nlp, "The death toll in the train crash has risen to 31.", "killed") == 31


def test_toll_restates_the_count_of_its_happening(nlp):
    text = "The earthquake on Monday killed 40 people. The death toll from the earthquake has since risen to 52."
    assert _total(nlp, text, "killed") == 52


def test_claimed_lives_are_deaths(nlp):
    assert _total(nlp, "The floods on Monday claimed at least 40 lives.", "killed") == 40
    # without a number the phrase tells no count
    assert _total(nlp, "The long war has been claiming soldiers' lives.", "killed") == 0


def test_left_dead_is_a_killing(nlp):
    assert _total(nlp, "A gas explosion on Monday left more than 30 people dead.", "killed") == 31


def test_a_named_person_dies_once(nlp):
    text = (
        "Police are still looking for the man wanted in last week's shooting death of Jane Harlow. "
        "He was seen in Ohio on Friday, days after a gunman killed Jane Harlow outside her office."
    )
    assert _total(nlp, text, "killed") == 1


def test_also_marks_another_group_of_the_same_name(nlp):
    text = "More than 100 people have died since a bomb ripped through the market on Friday. Six people were also killed in a second blast."
    assert _total(nlp, text, "killed") == 107


# ---------------------------------------------------------------- lead totals and ellipsis


def test_shared_passive_auxiliary(nlp):
    """"40 were killed and 300 injured": the second participle is passive too."""
    text = "At least 40 were killed and more than 300 injured on Monday, officials said."
    assert _total(nlp, text, "wounded") == 301
    text = "At least 40 were killed and more than 300 injured, officials said on Monday."
    assert _total(nlp, text, "wounded") == 301


def test_bare_lead_total_is_not_an_anaphor(nlp):
    """A bare number told first is the count of people; a later, smaller figure is a part of it."""
    text = (
        "Two bombs exploded in the capital on Monday. At least 60 were killed, officials said. "
        "At least 45 people were killed in the market blast, police said."
    )
    assert _total(nlp, text, "killed") == 60


def test_gapped_second_count_adds_up(nlp):
    assert _total(nlp, "On Monday the storm killed 14 people in Ohio and 6 in Indiana.", "killed") == 20
    # a number with a participle of its own is its own clause, not a gapped remnant
    assert _total(nlp, "Six people were killed and at least 58 injured in the blast on Monday.", "killed") == 6


def test_coordinated_casualty_verbs_share_their_operation(nlp):
    """"The attack killed 25 and injured 300": both counts belong to the attack, not to an
    earlier operation of the article."""
    text = "Officials said the army raided two camps on Sunday. The bomb attack at the station killed 25 people and injured 300 others."
    attack = next(e for e in _events(nlp, text) if e.trigger.text == "attack")
    assert (attack.casualties.killed, attack.casualties.wounded) == (25, 300)


def test_quantity_word_parsed_as_preposition(nlp):
    """"wounded over 300": the parser makes "over" a preposition and the number its object."""
    assert _total(nlp, "On Monday the blast wounded over 300.", "wounded") == 301


# ---------------------------------------------------------------- captures


def test_prisoners_taken_are_captured(nlp):
    assert _total(nlp, "About 400 enemy soldiers were taken prisoner on Monday.", "captured") == 400
    assert _total(nlp, "The troops took 300 prisoners near the border on Monday.", "captured") == 300
    # moving people somewhere is not a capture
    assert _total(nlp, "The wounded prisoners were taken to a hospital on Monday.", "captured") == 0


def test_relative_pronoun_stands_for_its_noun(nlp):
    text = "The army freed 12 hostages who were captured by rebels on Monday."
    assert _total(nlp, text, "captured") == 12


# ---------------------------------------------------------------- killings


def test_murder_is_a_killing(nlp):
    assert _total(nlp, "The murder of a shopkeeper in Leeds on Monday shocked the town.", "killed") == 1
    assert _total(nlp, "Two guards were murdered at the bank on Monday.", "killed") == 2
