"""The quote and the contract as PDF documents (reportlab, with the groups' document helpers).
They carry the parties, the group's name and the price — never what was said in the group."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from entrepairs.groups.pdf import build, paragraph, response, table

__all__ = ["contract_document", "response"]


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
