"""The quote, the contract and the invoices as PDF documents (reportlab, with the groups' document
helpers). They carry the parties, the group's name, session dates and prices — never what was said
in the group."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from entrepairs.groups.pdf import build, paragraph, response, table

__all__ = ["contract_document", "invoice_document", "response"]

# French commercial law (Code de commerce L441-10): payment 30 days after the service when the
# contract says nothing else; late penalties and a fixed recovery indemnity of €40 are due.
PAYMENT_DAYS = 30
RECOVERY_INDEMNITY = 40


def contract_document(contract: Any, *, quote: bool) -> bytes:
    title = _("Quote") if quote else _("Supervision contract")
    grid = contract.price_grid
    rows = [
        [_("Item"), _("Value")],
        [_("Provider"), paragraph(contract.provider)],
        [_("Facilitator"), paragraph(contract.provider_person or "—")],
        [_("Client organisation"), paragraph(contract.client)],
        [_("Group"), paragraph(contract.group or "—")],
        [_("Session duration"), f"{contract.session_hours} h"],
        [_("Sessions a year"), str(contract.sessions_per_year)],
        [_("Beneficiaries"), str(contract.beneficiaries)],
        [_("Price grid"), paragraph(grid)],
        [_("Price per session (excl. VAT)"), f"{contract.price_per_session} €"],
        [_("Yearly total (excl. VAT)"), f"{contract.yearly_total} €"],
    ]
    flow: list[Any] = [
        paragraph(f"{_('Date')}: {timezone.localdate():%d/%m/%Y}"),
        Spacer(1, 0.4 * cm),
        table(rows, [7 * cm, 9 * cm]),
        Spacer(1, 0.6 * cm),
        paragraph(
            _(
                "Sessions are invoiced as they are held. Participants commit to attend every "
                "planned session; what is said in the group stays confidential and is never "
                "reported to the client organisation."
            )
        ),
    ]
    if not quote:
        flow += [
            Spacer(1, 1.2 * cm),
            paragraph(_("Signatures: the provider — the client organisation")),
        ]
    return build(title, flow)


def invoice_document(contract: Any, *, number: str, lines: list[Any]) -> bytes:
    """One issued invoice: its lines (one per session held) share `number` and issue date."""
    issued = timezone.localdate(lines[0].invoiced_at)
    due = issued + timedelta(days=PAYMENT_DAYS)
    total = sum((line.amount for line in lines), Decimal(0))
    head = [
        [_("Item"), _("Value")],
        [_("Invoice number"), number],
        [_("Date of issue"), f"{issued:%d/%m/%Y}"],
        [_("Payment due"), f"{due:%d/%m/%Y}"],
        [_("Provider"), paragraph(contract.provider)],
        [_("Client organisation"), paragraph(contract.client)],
        [_("Group"), paragraph(contract.group or "—")],
    ]
    rows: list[list[Any]] = [[_("Session held"), _("Duration"), _("Amount (excl. VAT)")]]
    for line in lines:
        held = timezone.localtime(line.session.starts_at)
        rows.append([f"{held:%d/%m/%Y}", f"{contract.session_hours} h", f"{line.amount} €"])
    rows.append([_("Total (excl. VAT)"), "", f"{total} €"])
    flow: list[Any] = [
        table(head, [7 * cm, 9 * cm]),
        Spacer(1, 0.6 * cm),
        table(rows, [7 * cm, 3 * cm, 6 * cm]),
        Spacer(1, 0.6 * cm),
        paragraph(
            _(
                "Payment within %(days)s days of the date of issue. Late payment bears penalties "
                "at three times the legal interest rate, and a fixed indemnity of %(amount)s € "
                "for recovery costs (French Commercial Code, articles L441-10 and D441-5)."
            )
            % {"days": PAYMENT_DAYS, "amount": RECOVERY_INDEMNITY}
        ),
        paragraph(_("No discount for early payment.")),
    ]
    return build(_("Invoice"), flow)
