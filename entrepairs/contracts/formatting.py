"""Amounts, dates and numbers in the documents, the way the reader's language writes them: in
French "1 234,50 €", "1 mai 2027", "3,5 h" (Django's formats for the active language)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format

from entrepairs.core.french import long_date as french_long_date


def amount(value: Any) -> str:
    """An amount in euros with two decimals and grouped thousands: "1 234,50 €"."""
    text = number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0€"


def decimal(value: Any) -> str:
    """A number without useless zeros: 3.50 → "3,5", 3 → "3"."""
    number = Decimal(value).normalize()
    places = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    return number_format(number, places, use_l10n=True, force_grouping=True)


def long_date(value: date | datetime) -> str:
    """ "1er mai 2027" in French, "1 May 2027" in English (core.french)."""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return french_long_date(value)


def hours(value: Any) -> str:
    return f"{decimal(value)}\u00a0h"
