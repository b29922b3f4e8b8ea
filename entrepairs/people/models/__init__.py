"""People's models, one module per aggregate; imported here so that Django finds them."""

from .import_run import ImportRun
from .person import EDITABLE_FIELDS, HALF_DAYS, LIST_ORDER, Person, PersonQuerySet, Profession

__all__ = [
    "EDITABLE_FIELDS",
    "HALF_DAYS",
    "LIST_ORDER",
    "ImportRun",
    "Person",
    "PersonQuerySet",
    "Profession",
]
