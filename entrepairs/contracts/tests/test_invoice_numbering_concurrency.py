"""Twenty invoices issued at once by one provider: numbers F-<year>-0001 to 0020, none skipped,
none given twice (issue 13 point 5: one unbroken sequence per organisation).

Runs in real transactions (transactional_db), twenty threads each on its own connection. On
PostgreSQL (bin/test's second pass, DATABASE_URL) the sequence row's lock (select_for_update)
serialises them; on SQLite the database lock does, the threads retrying as a busy timeout would.
"""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.groups.models import Session

from .. import services
from ..models import Contract, DocumentSequence, Invoice, InvoiceLine
from .conftest import make_quote

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 20


def _contracts_waiting_for_invoice(gw, provider) -> list[Contract]:  # type: ignore[no-untyped-def]
    """Twenty signed contracts of the provider, each with one held session waiting."""
    org, grid = provider
    contracts = []
    for n in range(WRITERS):
        # One agreement per year of the group: signed agreements never overlap.
        signed_at = timezone.now() - timedelta(days=366 * (n + 1))
        contract = services.contract_sign(
            contract=make_quote(gw, org, grid), by=SYSTEM, signed_at=signed_at
        )
        # Held within the agreement's year (365 days from its signature): billable.
        start = signed_at + timedelta(days=10)
        session = Session.objects.create(
            group=gw.group,
            number=100 + n,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            status=Session.Status.HELD,
        )
        InvoiceLine.objects.create(contract=contract, session=session, amount=Decimal("270.00"))
        contracts.append(contract)
    return contracts


def test_twenty_invoices_issued_at_once_get_an_unbroken_sequence(gw, provider) -> None:
    contracts = _contracts_waiting_for_invoice(gw, provider)
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    numbers: list[str] = []

    def run(contract: Contract) -> None:
        try:
            barrier.wait(timeout=30)
            for attempt in range(400):
                try:
                    number, _total, _count = services.contract_invoice(contract=contract, by=SYSTEM)
                    numbers.append(number)
                    return
                except OperationalError as exc:
                    # SQLite's shared in-memory test database answers "locked" at once instead
                    # of waiting: wait and retry. PostgreSQL waits on the row lock itself.
                    if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 399:
                        raise
                    time.sleep(0.01 * (1 + attempt % 7))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in contracts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    year = timezone.localdate().year
    expected = [f"F-{year}-{n:04d}" for n in range(1, WRITERS + 1)]
    assert sorted(numbers) == expected  # every number once, none skipped
    stored = Invoice.objects.filter(provider=provider[0]).values_list("number", flat=True)
    assert sorted(stored) == expected
    sequence = DocumentSequence.objects.get(organisation=provider[0], kind="invoice")
    assert sequence.last == WRITERS
    # Each invoice took its own contract's line, once.
    assert InvoiceLine.objects.filter(invoice__isnull=True).count() == 0
