"""Events component: typed event frames from the parse and the other components. (stub)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc


@Language.factory("newsfacts_events")
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    return EventTagger()
