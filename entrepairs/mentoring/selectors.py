"""Reads shared by mentoring's pages and API: one function decides what each viewer is shown."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from entrepairs.core.permissions import Viewer
from entrepairs.core.views import get_visible_or_404

from .models import Transfer
from .rules import can_decide_handover, sees_transferred_youth, transfer_visible_q

# Bands wide enough that a receiving agency can judge the request without identifying the child.
AGE_BANDS = ((0, 10), (11, 13), (14, 15), (16, 17))


def age_band(age: int) -> str:
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return _("%(low)s to %(high)s years") % {"low": low, "high": high}
    return _("18 years or more")


def transfers_for(viewer: Viewer) -> QuerySet[Transfer]:
    return (
        Transfer.objects.filter(transfer_visible_q(viewer))
        .select_related(
            "youth__programme__organisation", "youth__person", "from_agency", "to_agency"
        )
        .order_by("-transferred_on", "-created_at")
    )


def get_transfer_for(viewer: Viewer, pk: Any) -> Transfer:
    """The transfer if the viewer may see it; otherwise 404, as if it did not exist."""
    return get_visible_or_404(transfers_for(viewer), pk=pk)


@dataclass(frozen=True)
class TransferSummary:
    """A transfer as one viewer may see it. Before the handover is accepted the receiving agency
    learns only what deciding needs: that a youth of this age band, mentored in this programme,
    comes from this agency — no name, no date of birth, no file (DECISIONS, Confidentiality)."""

    id: Any
    transferred_on: date
    handover: str
    handover_label: str
    from_agency: str
    to_agency: str
    programme: str
    programme_organisation: str
    age_band: str
    refusal_reason: str
    can_decide: bool
    youth_id: Any | None  # only for a viewer who may see the youth's file
    youth_name: str | None


def transfer_summary(viewer: Viewer, transfer: Transfer, today: date) -> TransferSummary:
    youth = transfer.youth
    identified = sees_transferred_youth(viewer, transfer)
    return TransferSummary(
        id=transfer.pk,
        transferred_on=transfer.transferred_on,
        handover=transfer.handover,
        handover_label=str(transfer.get_handover_display()),
        from_agency=transfer.from_agency.name if transfer.from_agency else "",
        to_agency=transfer.to_agency.name if transfer.to_agency else "",
        programme=youth.programme.name,
        programme_organisation=youth.programme.organisation.name,
        age_band=age_band(youth.age_on(today)),
        refusal_reason=transfer.refusal_reason,
        can_decide=can_decide_handover(viewer, transfer),
        youth_id=youth.pk if identified else None,
        youth_name=str(youth) if identified else None,
    )
