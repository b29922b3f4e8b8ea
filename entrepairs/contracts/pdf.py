"""The quote, the training agreement (convention de formation), invoices and credit notes as PDF
documents (reportlab, with the groups' document helpers). They carry the parties, the group's
name, session dates and prices — never what was said in the group. Amounts, dates and numbers
are written the reader's way ("1 234,50 €", "1 mai 2027", "3,5 h": `formatting`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from entrepairs.core.documents import build, paragraph, response, table
from entrepairs.core.french import clock
from entrepairs.groups.pdf import identity_lines

from . import facturx
from .formatting import amount, decimal, hours, long_date
from .identity import party, vat_exemption_text

__all__ = ["agreement_document", "invoice_document", "quote_document", "response"]

# Code de commerce L441-10 and D441-5: late penalties and a fixed recovery indemnity of €40.
RECOVERY_INDEMNITY = 40


def _field(label: str, value: Any = "") -> str:
    """ "Label: value", with the reader's typography (French puts a space before the colon)."""
    return (_("%(label)s: %(value)s") % {"label": label, "value": value}).rstrip()


def _identity_lines(org: Any, *, training: bool = False) -> list[Any]:
    """The organisation's legal identity (the groups' document helper, one for every PDF)."""
    return identity_lines(org if isinstance(org, dict) else party(org), training=training)


def _parties(contract: Any) -> tuple[Any, Any]:
    """The provider and the client as the document names them: as they stood when the first
    side signed (`Contract.provider_party`), else as they stand now (a quote nobody accepted)."""
    return (
        contract.provider_party or contract.provider,
        contract.client_party or contract.client,
    )


def _terms_rows(contract: Any) -> list[list[Any]]:
    """The terms as agreed at the first acceptance (`Contract.terms`), the quote's before."""
    terms = contract.terms
    return [
        [_("Item"), _("Value")],
        [_("Group"), paragraph(contract.group or "—")],
        [_("Facilitator"), paragraph(contract.provider_person or "—")],
        [_("Session duration"), hours(terms.session_hours)],
        [_("Sessions a year"), decimal(terms.sessions_per_year)],
        [_("Total duration a year"), hours(terms.yearly_hours)],
        [_("Beneficiaries"), decimal(terms.beneficiaries)],
        [_("Price per session (excl. VAT)"), amount(terms.price_per_session)],
        [_("Yearly total (excl. VAT)"), amount(terms.yearly_total)],
    ]


def quote_document(contract: Any) -> bytes:
    issued = contract.quote_date
    provider, client = _parties(contract)
    head = [
        paragraph(_field(_("Quote number"), contract.quote_number or "—")),
        paragraph(_field(_("Date"), long_date(issued))),
    ]
    if contract.quote_valid_until:
        head.append(paragraph(_field(_("Valid until"), long_date(contract.quote_valid_until))))
    flow: list[Any] = [
        *head,
        Spacer(1, 0.3 * cm),
        paragraph(_field(_("Provider"))),
        *_identity_lines(provider, training=True),
        Spacer(1, 0.2 * cm),
        paragraph(_field(_("Client organisation"))),
        *_identity_lines(client),
        Spacer(1, 0.4 * cm),
        table(_terms_rows(contract), [7 * cm, 9 * cm]),
        Spacer(1, 0.6 * cm),
        paragraph(
            _(
                "Sessions are invoiced as they are held. Participants commit to attend every "
                "planned session; what is said in the group stays confidential and is never "
                "reported to the client organisation."
            )
        ),
    ]
    return build(_("Quote"), flow)


def agreement_document(contract: Any, signatures: list[Any]) -> bytes:
    """The training agreement (Code du travail L6353-1): the parties, the provider's
    declaration number, the objective and programme (the group), its duration, sessions, price
    and terms; each side's recorded acceptance (name, time, IP address)."""
    provider, client = _parties(contract)
    group = contract.group
    sessions = (
        list(group.sessions.exclude(status="cancelled").order_by("starts_at")) if group else []
    )
    dates = ", ".join(long_date(s.starts_at) for s in sessions[:24]) or "—"
    objective = (group.description if group and group.description else "") or _(
        "Supervision and analysis of professional practice in a group."
    )
    flow: list[Any] = [
        paragraph(
            _("Between the undersigned, under articles L6353-1 and following of the Labour Code:")
        ),
        Spacer(1, 0.2 * cm),
        paragraph(_field(_("The provider"))),
        *_identity_lines(provider, training=True),
        Spacer(1, 0.2 * cm),
        paragraph(_field(_("And the client organisation"))),
        *_identity_lines(client),
        Spacer(1, 0.4 * cm),
        paragraph(_field(_("Quote accepted"), contract.quote_number or "—")),
        paragraph(_field(_("Objective and programme"), objective)),
        paragraph(_field(_("Sessions planned"), dates)),
        Spacer(1, 0.3 * cm),
        table(_terms_rows(contract), [7 * cm, 9 * cm]),
        Spacer(1, 0.4 * cm),
        paragraph(
            _(
                "Terms: sessions are invoiced as they are held, payment within 30 days of the "
                "invoice. Attendance is recorded at every session; a certificate of completion "
                "is given to each participant. What is said in the group stays confidential and "
                "is never reported to the client organisation. Either party may end the "
                "agreement by writing, the sessions held remaining due."
            )
        ),
        Spacer(1, 0.6 * cm),
        paragraph(_field(_("Signatures"))),
    ]
    sides = {s.side: s for s in signatures}
    for side, label in (("provider", _("For the provider")), ("client", _("For the client"))):
        sig = sides.get(side)
        if sig is None:
            flow.append(paragraph(_field(label, _("not signed yet"))))
            continue
        at = timezone.localtime(sig.signed_at)
        flow.append(
            paragraph(
                _("%(side)s: accepted by %(name)s on %(date)s at %(time)s (IP address %(ip)s)")
                % {
                    "side": label,
                    "name": sig.name,
                    "date": long_date(at),
                    "time": clock(at),
                    "ip": sig.ip_address or "—",
                }
            )
        )
    return build(_("Training agreement"), flow)


def credit_note_label(note: Any) -> str:
    """A partial credit note says so, with its reason; the one that takes back all that remained
    of its invoice is its cancellation ("Cancellation of invoice …", `services.invoice_credit`),
    whether or not earlier partial notes came before it; written in the reader's language."""
    if not note.cancels:
        return _("Partial credit note on invoice %(number)s: %(reason)s") % {
            "number": note.credited.number,
            "reason": note.reason,
        }
    values = {"number": note.credited.number, "reason": note.reason}
    if note.reason:
        return _("Cancellation of invoice %(number)s: %(reason)s") % values
    return _("Cancellation of invoice %(number)s") % values


def _invoice_lines(invoice: Any) -> list[tuple[str, Any]]:
    """A credit note's one line; an invoice's sessions as frozen at issue (`Invoice.items`): a
    cancellation releases the sessions, never what the invoice said."""
    if invoice.is_credit_note:
        return [(credit_note_label(invoice), invoice.amount_excl_vat)]
    return [
        (
            _("Session of %(date)s")
            % {"date": long_date(datetime.fromisoformat(item["starts_at"]))},
            Decimal(item["amount"]),
        )
        for item in invoice.items or _items_of_lines(invoice)
    ]


def _items_of_lines(invoice: Any) -> list[dict[str, Any]]:
    """An invoice written without its items (by hand, in a test): its lines as they stand."""
    lines = invoice.lines.select_related("session").order_by("session__starts_at", "pk")
    return [
        {"starts_at": line.session.starts_at.isoformat(), "amount": line.amount} for line in lines
    ]


def invoice_document(invoice: Any) -> bytes:
    """An invoice or a credit note with the French legal mentions, as Factur-X (PDF/A-3 with the
    CII XML embedded)."""
    credit = invoice.is_credit_note
    title = _("Credit note") if credit else _("Invoice")
    seller, buyer = invoice.seller, invoice.buyer
    head = [
        [_("Item"), _("Value")],
        [_("Credit note number") if credit else _("Invoice number"), invoice.number],
        [_("Date of issue"), long_date(invoice.issued_on)],
    ]
    if credit:
        head.append([_("Invoice credited"), invoice.credited.number])
    else:
        head.append([_("Payment due"), long_date(invoice.due_on)])
    head.append([_("Quote"), invoice.contract.quote_number or "—"])
    if invoice.order_number:
        head.append([_("Order number"), invoice.order_number])
    if invoice.service_code:
        head.append([_("Service code"), invoice.service_code])
    lines = _invoice_lines(invoice)
    rows: list[list[Any]] = [[_("Description"), _("Amount (excl. VAT)")]]
    rows += [[paragraph(name), amount(value)] for name, value in lines]
    rows += [
        [_("Total (excl. VAT)"), amount(invoice.amount_excl_vat)],
        [f"{_('VAT')} {decimal(invoice.vat_rate)} %", amount(invoice.vat_amount)],
        [_("Total (incl. VAT)"), amount(invoice.amount_incl_vat)],
    ]
    exemption = vat_exemption_text()
    flow: list[Any] = [
        paragraph(_field(_("Seller"))),
        *_identity_lines(seller),
        Spacer(1, 0.2 * cm),
        paragraph(_field(_("Client"))),
        *_identity_lines(buyer),
        Spacer(1, 0.4 * cm),
        table(head, [7 * cm, 9 * cm]),
        Spacer(1, 0.4 * cm),
        table(rows, [11 * cm, 5 * cm]),
        Spacer(1, 0.4 * cm),
    ]
    if invoice.vat_rate == 0:
        flow.append(paragraph(exemption))
    if not credit:
        flow += [
            paragraph(
                _(
                    "Payment by %(date)s. Late payment bears penalties at three times the legal "
                    "interest rate, and a fixed indemnity of %(amount)s for recovery costs "
                    "(French Commercial Code, articles L441-10 and D441-5)."
                )
                % {"date": long_date(invoice.due_on), "amount": amount(RECOVERY_INDEMNITY)}
            ),
            paragraph(_("No discount for early payment.")),
        ]
    pdf = build(title, flow)
    xml = facturx.invoice_xml(invoice, lines, exemption)
    return facturx.embed(pdf, xml, title=f"{title} {invoice.number}")
