"""Which certificates may be issued over a period: one rule for the page and the API (both build
their PDF through `pdf.certificate` and `pdf.completion_certificate`, which call it first).

A certificate attests what happened (Code du travail L6353-1 for the certificate of completion):
over a period in which nothing of the group was held there is nothing to attest, and a
certificate of completion is never issued to someone who attended none of it (outside test: "a
suivi l’action … 0 séance"). An attendance certificate over held sessions the member missed is
still issued: it states their absences, which a funder may ask for.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Attendance, Session
from .periods import Period


def _held(member: Any, period: Period) -> Any:
    return Session.objects.filter(
        group_id=member.group_id,
        starts_at__date__gte=period.start,
        starts_at__date__lte=period.end,
        status=Session.Status.HELD,
    )


def check_certificate(member: Any, period: Period, *, completion: bool) -> None:
    """Refuse, saying why, a certificate over a period with no session held, and a certificate
    of completion for a member who attended none."""
    held = _held(member, period)
    if not held.exists():
        raise ValidationError(
            _(
                "No session of %(group)s was held over %(period)s: there is nothing to certify "
                "yet. Choose a period with held sessions."
            )
            % {"group": member.group.name, "period": period.label}
        )
    if not completion:
        return
    attended = Attendance.objects.filter(
        member=member, session__in=held, status=Attendance.Status.PRESENT
    )
    if not attended.exists():
        raise ValidationError(
            _(
                "%(name)s attended none of the sessions held over %(period)s: a certificate of "
                "completion attests attendance that happened, so none is issued."
            )
            % {"name": member.person, "period": period.label}
        )
