"""The SIRET of an organisation: 14 digits, the SIREN (its first 9) and the whole SIRET each
passing the Luhn checksum (INSEE). La Poste is the exception: its SIREN 356000000 has some
ten thousand establishments, more than the Luhn key allows, and their SIRETs are valid when the
sum of their digits is a multiple of 5. Spaces, as people copy it ("123 456 789 00012"), are
dropped; fourteen zeros are no SIRET."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"
INVALID_MESSAGE = _("This SIRET number is not valid (check digit).")
LENGTH_MESSAGE = _("A SIRET has 14 digits.")


def normalise(value: Any) -> str:
    """The SIRET as stored: its digits without the spaces typed between them."""
    if value is None:
        return ""
    return "".join(str(value).split())


def luhn_ok(digits: str) -> bool:
    """Whether `digits` pass the Luhn checksum (every second digit from the right doubled)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def is_valid(value: Any) -> bool:
    siret = normalise(value)
    if len(siret) != 14 or not siret.isascii() or not siret.isdigit():
        return False
    if set(siret) == {"0"}:
        return False
    siren = siret[:9]
    if not luhn_ok(siren):
        return False
    if siren == LA_POSTE_SIREN:
        return luhn_ok(siret) or sum(int(c) for c in siret) % 5 == 0
    return luhn_ok(siret)


def validate_siret(value: Any) -> None:
    """The model field's validator (and so the settings page's, the API's and the import's)."""
    siret = normalise(value)
    if not siret:
        return
    if len(siret) != 14 or not siret.isascii() or not siret.isdigit():
        raise ValidationError(LENGTH_MESSAGE, code="siret_length")
    if not is_valid(siret):
        raise ValidationError(INVALID_MESSAGE, code="siret_checksum")
