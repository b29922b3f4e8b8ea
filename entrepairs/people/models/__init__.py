"""People's models, one module per aggregate; imported here so that Django finds them."""

from .import_run import ImportRun
from .person import (
    EDITABLE_FIELDS,
    HALF_DAYS,
    LIST_ORDER,
    Person,
    PersonQuerySet,
    Profession,
    validate_phone,
)
from .placement import FAMILY_KINDS, Placement, PlacementKind

__all__ = [
    "validate_phone",
    "EDITABLE_FIELDS",
    "FAMILY_KINDS",
    "HALF_DAYS",
    "LIST_ORDER",
    "ImportRun",
    "Person",
    "PersonQuerySet",
    "Placement",
    "PlacementKind",
    "Profession",
]
