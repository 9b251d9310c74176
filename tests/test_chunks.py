from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.chunks import shift, split_chunks
from pipeline.models import Event, Trigger


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=5, max_value=60))
def test_chunks_cover_the_text_exactly_and_respect_the_size(text, size):
    chunks = list(split_chunks(text, size))
    assert "".join(chunk for _, chunk in chunks) == text
    offset = 0
    for start, chunk in chunks:
        assert start == offset and len(chunk) <= size
        offset += len(chunk)


def test_chunks_prefer_paragraph_breaks():
    text = "one two three.\n\nfour five six seven eight nine."
    (_, first), *_ = split_chunks(text, 20)
    assert first == "one two three.\n\n"


def test_shift_moves_every_nested_span_and_sets_the_article():
    event = Event(id="a~1-e001", article_id="a~1", type="attack", trigger=Trigger(text="raid", start=3, end=7, lemma="raid"), sentence="A raid.", mentions=[{"text": "raid", "start": 3, "end": 7}])
    moved = shift(event, 100, "a")
    assert (moved.trigger.start, moved.trigger.end, moved.mentions[0].start) == (103, 107, 103)
    assert moved.article_id == "a" and moved.id == "a~1-e001"
