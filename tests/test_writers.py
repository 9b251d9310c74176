import json

from pipeline.models import Span
from pipeline.writers import dumps


def test_lines_stay_single_lines_for_every_reader():
    line = dumps(Span(text="a\u2028b\u2029c\nd", start=0, end=7))
    assert len(line.splitlines()) == 1
    assert json.loads(line)["text"] == "a\u2028b\u2029c\nd"
