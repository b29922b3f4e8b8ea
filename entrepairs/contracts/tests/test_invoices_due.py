"""Which invoices are still owed, the one notion the home page's "Invoices due within 30 days"
block reads (outside test: invoices cancelled by credit notes were listed as falling due)."""

from decimal import Decimal

from entrepairs.core.services import SYSTEM

from .. import services
from ..selectors import invoices_due, invoices_still_owed
from .test_training_documents import _invoiced


def test_an_invoice_cancelled_by_credit_notes_is_no_longer_due(gw, quote) -> None:
    invoice = _invoiced(gw, quote)
    user = gw.w.facilitator.user
    today = invoice.issued_on
    assert list(invoices_due(user, today)) == [invoice]
    # Partly credited: the rest is still owed.
    services.invoice_credit(invoice=invoice, by=SYSTEM, amount=Decimal("1"), reason="Geste")
    assert list(invoices_due(user, today)) == [invoice]
    assert list(invoices_still_owed()) == [invoice]
    # The rest credited too: cancelled in two notes, nothing owed; credit notes are never due.
    services.invoice_credit(invoice=invoice, by=SYSTEM)
    assert list(invoices_due(user, today)) == []
    assert list(invoices_still_owed()) == []
