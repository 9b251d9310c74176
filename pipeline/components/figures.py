"""Figures component: every stated quantity with bounds, unit and what it counts. (stub)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class FigureTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = []
        return doc


@Language.factory("newsfacts_figures")
def make_figure_tagger(nlp: Language, name: str) -> FigureTagger:
    return FigureTagger()
