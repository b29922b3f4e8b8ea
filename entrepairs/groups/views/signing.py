"""Attendance signed electronically: a member on their own device, or the facilitator's device
passed round the room (signatures.py holds every rule)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest, client_address
from entrepairs.organisations.viewer import viewer_for

from .. import rules as group_rules
from ..forms import SignForm
from ..models import AttendanceSignature
from ..signatures import attendance_sign, half_days, signing_closes_at
from .groups import me
from .sessions import visible_session


@login_required
def sign(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    group = session.group
    viewer = viewer_for(request.user)
    if not group_rules.signs_attendance(viewer, group):
        raise PermissionDenied  # the session is visible (a coordinator), signing is not theirs
    facilitates = group_rules.is_facilitator(viewer, group)
    member = None if facilitates else group_rules.member_of(viewer, group)
    members = list(group.active_members().select_related("person")) if facilitates else None
    slots = half_days(session)
    form = SignForm(request.POST or None, members=members, slots=slots)
    closes_at = signing_closes_at(session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signer = member
        if facilitates:
            signer = next((m for m in members or [] if str(m.pk) == data["member"]), None)
        drawn = data["mode"] == "draw"
        try:
            if signer is None:
                raise ValidationError({"member": _("Choose the member who signs.")})
            attendance_sign(
                session=session,
                member=signer,
                half_day=data["half_day"],
                by=me(request),
                own_device=not facilitates,
                typed_name="" if drawn else data["typed_name"],
                drawing=data["drawing"] if drawn else "",
                ip_address=client_address(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s signed the attendance.") % {"name": signer.person},
            )
            return redirect("groups:sign", pk=session.pk)
    signed = AttendanceSignature.objects.filter(attendance__session=session).select_related(
        "attendance__member__person"
    )
    if not facilitates:
        signed = signed.filter(attendance__member=member)
    return render(
        request,
        "groups/sign.html",
        {
            "session": session,
            "group": group,
            "form": form,
            "facilitates": facilitates,
            "closed": timezone.now() >= closes_at,
            "signed": list(signed.order_by("day", "half_day", "signed_at")),
        },
    )
