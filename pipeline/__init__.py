"""newsfacts: grounded events and figures from news and defense reporting.

    import pipeline
    nlp = pipeline.load()                 # a spaCy Language with our components
    for record in pipeline.extract(articles): ...
"""

from .nlp import load

__all__ = ["load", "extract"]
__version__ = "0.1.0"


def extract(articles, **kwargs):  # noqa: ANN001, ANN201  (thin re-export; see run.extract)
    """Yield validated records for an iterable of articles; see `pipeline.run.extract`."""
    from .run import extract as _extract

    return _extract(articles, **kwargs)
