"""Document numbers: one unbroken sequence per organisation and kind of document.

Quotes D-2026-0001, invoices F-2026-0001, credit notes A-2026-0001: the year of issue, then the
organisation's running count of that kind, which never restarts (so a number is never given
twice, even across years). Invoices and credit notes have separate sequences, each unbroken:
a cancelled invoice keeps its number and gets a credit note (`services.invoice_credit`).

The count is read and raised under a row lock (select_for_update) inside the caller's
transaction: two invoices issued at once wait for each other, and a transaction rolled back
gives its number back with everything else, so no gap appears."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from .models import DocumentSequence

PREFIXES = {
    DocumentSequence.Kind.QUOTE: "D",
    DocumentSequence.Kind.INVOICE: "F",
    DocumentSequence.Kind.CREDIT_NOTE: "A",
}


def next_number(organisation_id: Any, kind: str, on: date) -> str:
    """The next number of `kind` for the organisation; call inside the writing transaction."""
    assert transaction.get_connection().in_atomic_block, "numbers are given inside a transaction"
    # get_or_create survives a concurrent first creation (it retries the read on the unique
    # constraint); the lock that serialises the writers is the select_for_update below.
    DocumentSequence.objects.get_or_create(organisation_id=organisation_id, kind=kind)
    sequence = DocumentSequence.objects.select_for_update().get(
        organisation_id=organisation_id, kind=kind
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{PREFIXES[DocumentSequence.Kind(kind)]}-{on.year}-{sequence.last:04d}"
