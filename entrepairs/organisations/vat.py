"""The VAT number (numéro de TVA intracommunautaire) and the training declaration number (NDA,
numéro de déclaration d'activité) of an organisation, printed on quotes, agreements and invoices.

A French VAT number is FR, a two-character key and the SIREN (9 digits); a numeric key is
(12 + 3 × (SIREN mod 97)) mod 97, written on two digits (DGFiP). Another member state's number is
its two-letter prefix and its national format (the VIES formats); a prefix we do not know is
refused. The NDA has 11 digits. Spaces, as people copy them ("FR 32 123 456 789"), are dropped,
letters upper-cased. The model fields validate here, so the settings page, the API and the
import refuse alike (as `organisations.siret` does for the SIRET)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# National parts after the prefix (VIES); Greece is "EL", Northern Ireland "XI".
EU_FORMATS: dict[str, str] = {
    "AT": r"U\d{8}",
    "BE": r"[01]\d{9}",
    "BG": r"\d{9,10}",
    "CY": r"\d{8}[A-Z]",
    "CZ": r"\d{8,10}",
    "DE": r"\d{9}",
    "DK": r"\d{8}",
    "EE": r"\d{9}",
    "EL": r"\d{9}",
    "ES": r"[A-Z0-9]\d{7}[A-Z0-9]",
    "FI": r"\d{8}",
    "HR": r"\d{11}",
    "HU": r"\d{8}",
    "IE": r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]",
    "IT": r"\d{11}",
    "LT": r"\d{9}|\d{12}",
    "LU": r"\d{8}",
    "LV": r"\d{11}",
    "MT": r"\d{8}",
    "NL": r"\d{9}B\d{2}",
    "PL": r"\d{10}",
    "PT": r"\d{9}",
    "RO": r"\d{2,10}",
    "SE": r"\d{10}01",
    "SI": r"\d{8}",
    "SK": r"\d{10}",
    "XI": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}",
}
# A French key is two digits, or (numbers given since 2017 to some companies) two characters of
# which at least one letter, never I nor O.
FR_FORMAT = re.compile(r"FR([0-9A-HJ-NP-Z]{2})(\d{9})")

VAT_FORMAT_MESSAGE = _(
    "A VAT number is the country's two letters then its number, for example FR 32 123456789."
)
VAT_COUNTRY_MESSAGE = _("%(prefix)s is not the prefix of a VAT number of the European Union.")
VAT_NATIONAL_MESSAGE = _("This VAT number does not have the format of the country %(prefix)s.")
VAT_FRENCH_MESSAGE = _(
    "A French VAT number is FR, a two-character key and the 9 digits of the SIREN."
)
VAT_KEY_MESSAGE = _(
    "This VAT number is not valid: its key does not match the SIREN (expected key %(key)s)."
)
NDA_MESSAGE = _("A training declaration number (NDA) has 11 digits.")


def normalise(value: Any) -> str:
    """The number as stored: no spaces (nor the dots and dashes copied with it), upper case."""
    if value is None:
        return ""
    return re.sub(r"[\s.\-]", "", str(value)).upper()


def french_key(siren: str) -> str:
    """The numeric key of a French VAT number for this SIREN, on two digits."""
    return f"{(12 + 3 * (int(siren) % 97)) % 97:02d}"


def validate_vat_number(value: Any) -> None:
    number = normalise(value)
    if not number:
        return
    if not number.isascii() or not re.fullmatch(r"[A-Z]{2}[A-Z0-9+*]{2,13}", number):
        raise ValidationError(VAT_FORMAT_MESSAGE, code="vat_format")
    prefix = number[:2]
    if prefix == "FR":
        found = FR_FORMAT.fullmatch(number)
        if found is None:
            raise ValidationError(VAT_FRENCH_MESSAGE, code="vat_format")
        key, siren = found.groups()
        if key.isdigit() and key != french_key(siren):
            raise ValidationError(
                VAT_KEY_MESSAGE, code="vat_key", params={"key": french_key(siren)}
            )
        return
    if prefix not in EU_FORMATS:
        # "hello world" reads as the prefix HE: both the prefix and the expected form are said.
        raise ValidationError(
            [
                ValidationError(VAT_COUNTRY_MESSAGE, code="vat_country", params={"prefix": prefix}),
                ValidationError(VAT_FORMAT_MESSAGE, code="vat_format"),
            ]
        )
    if not re.fullmatch(EU_FORMATS[prefix], number[2:]):
        raise ValidationError(VAT_NATIONAL_MESSAGE, code="vat_format", params={"prefix": prefix})


def normalise_nda(value: Any) -> str:
    if value is None:
        return ""
    return "".join(str(value).split())


def validate_nda(value: Any) -> None:
    number = normalise_nda(value)
    if number and not (len(number) == 11 and number.isascii() and number.isdigit()):
        raise ValidationError(NDA_MESSAGE, code="nda_format")
