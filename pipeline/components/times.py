"""Time component: finds temporal expressions and normalizes them to TIMEX3. (stub)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class TimeTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.times = []
        return doc


@Language.factory("newsfacts_times")
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger()
