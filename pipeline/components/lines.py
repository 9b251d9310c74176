"""Line component: a line that ends without punctuation ends its sentence.

Headlines, section titles, datelines on their own line and press-release header lines
("ISAF Joint Command - Afghanistan 2011-02-S-164", "For Immediate Release") carry no final
stop, so the parser runs them into the next sentence: the headline's "Killed" then shares its
sentence, its places and its times with the lede, and a section title becomes the subject of
the next sentence ("The gradual end of the task force ... launched in 2014"). This component
runs before the parser and marks the first token after such a line as a sentence start; the
parser keeps boundaries set before it.

Hard-wrapped text (lines broken at a fixed width inside sentences) is left alone: there a line
break says nothing about sentences.
"""

from __future__ import annotations

import re
from statistics import median

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

#: Line breaks: newline and the Unicode line and paragraph separators some releases use.
_BREAK = re.compile(r"[\n\r\u2028\u2029]")
#: The whitespace between a line's last character and the next line's first word.
_GAP = re.compile(r"[ \t]*[\n\r\u2028\u2029]\s*")
#: A line that ends a sentence by itself ends in one of these (closing quotes and brackets too).
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]…]\s*$")
#: Hard wrapping: most lines inside paragraphs fill about the same width.
WRAP_MIN_LINES = 4
WRAP_WIDTH = (55, 100)
WRAP_SHARE = 0.8


class LineBreaker:
    """Marks sentence starts after unpunctuated lines; reads nothing, writes `Token.is_sent_start`."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        if not _BREAK.search(text) or hard_wrapped(text):
            return doc
        first_word = {token.idx: token.i for token in doc if not token.is_space}
        starts = doc.to_array([SENT_START])  # set in one go: Token.is_sent_start costs O(len(doc)) a call
        line_start = 0
        for gap in _GAP.finditer(text):
            line, line_start = text[line_start : gap.start()], gap.end()
            i = first_word.get(gap.end())
            if i is None or i == 0 or starts[i] != 0:
                continue
            if line.strip() and not _TERMINAL.search(line):
                starts[i] = 1
        doc.from_array([SENT_START], starts)
        return doc


def hard_wrapped(text: str) -> bool:
    """Whether line breaks fall inside sentences: lines followed by another line of the same
    paragraph mostly fill one width (55-100 characters) and mostly end without punctuation."""
    lines = _BREAK.split(text)
    inner = [a.rstrip() for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if len(inner) < WRAP_MIN_LINES:
        return False
    filled = [line for line in inner if WRAP_WIDTH[0] <= len(line) <= WRAP_WIDTH[1]]
    open_ended = [line for line in inner if not _TERMINAL.search(line)]
    width = median(len(line) for line in inner)
    return (
        len(filled) >= WRAP_SHARE * len(inner)
        and len(open_ended) >= WRAP_SHARE * len(inner) / 2
        and WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]
    )


@Language.factory("newsfacts_lines")
def make_line_breaker(nlp: Language, name: str) -> LineBreaker:
    return LineBreaker()
