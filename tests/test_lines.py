"""The line component: unpunctuated lines (headlines, titles, header lines) end their sentence."""

from __future__ import annotations

import pytest

from pipeline.components.lines import hard_wrapped


@pytest.fixture(scope="module")
def sents(nlp):
    def split(text: str) -> list[str]:
        return [s.text.strip() for s in nlp(text).sents if s.text.strip()]

    return split


def test_a_headline_is_its_own_sentence(sents):
    text = "Insurgents Killed in Kapisa Operation\nAn Afghan patrol conducted an operation on Saturday night."
    assert sents(text)[0] == "Insurgents Killed in Kapisa Operation"


def test_a_section_title_does_not_become_the_next_subject(sents, nlp):
    text = (
        "The gradual end of the task force: a strategic reorganization\n"
        "The Combined Joint Task Force, launched in 2014, played a major role.\n"
        "The role of US military support in Iraq\n"
        "Iraqi forces have received support."
    )
    assert "The role of US military support in Iraq" in sents(text)
    doc = nlp(text)
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "play")
    assert subject.text == "Force"


def test_unicode_line_separators_break_too(sents):
    assert sents("NEWS RELEASE\u2028ISAF Joint Command\u2028\nForces detained two men.")[-1] == "Forces detained two men."


def test_a_punctuated_line_is_left_to_the_parser(sents):
    text = "Forces detained two men.\nThey were taken for questioning."
    assert sents(text) == ["Forces detained two men.", "They were taken for questioning."]


def test_hard_wrapped_text_keeps_its_sentences(sents):
    wrapped = (
        "Afghan and coalition forces detained several suspected insurgents in the\n"
        "Arghandab district of Kandahar province last night, including a Taliban\n"
        "commander who is an expert in improvised explosive devices sought by other\n"
        "Taliban commanders in the area to help carry out attacks on civilians and\n"
        "coalition forces, officials said on Tuesday in a statement from Kabul.\n"
    )
    assert hard_wrapped(wrapped)
    assert len(sents(wrapped)) == 1
    assert not hard_wrapped("Title\nA sentence.\nAnother title\nMore text.")
