"""Entity components: a gazetteer ruler before NER, and canonical names after it. (stub)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class GazetteerRuler:
    def __call__(self, doc: Doc) -> Doc:
        return doc


class EntityCanonicalizer:
    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            ent._.canonical = ent.text
        return doc


@Language.factory("newsfacts_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler()


@Language.factory("newsfacts_entities")
def make_canonicalizer(nlp: Language, name: str) -> EntityCanonicalizer:
    return EntityCanonicalizer()
