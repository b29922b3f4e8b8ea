"""A session of a module: its date, place, and who attended (which records their completions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest

from .. import selectors, services
from ..forms import AttendanceForm
from .common import actor


@login_required
def session_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    session = selectors.get_session_for(request.user, pk, "view")
    form = AttendanceForm(prefix="a", user=request.user, session=session)
    if request.method == "POST":
        session = selectors.get_session_for(request.user, pk, "change")
        form = AttendanceForm(request.POST, prefix="a", user=request.user, session=session)
        if form.is_valid():
            try:
                services.session_record_attendance(
                    session=session, people=form.cleaned_data["people"], by=actor(request)
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The attendance is recorded."))
                return redirect("training:session", pk=session.pk)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "attendees": session.attendees.order_by("last_name", "first_name"),
            "enrolled": selectors.enrolled_people(session),
            "form": form,
        },
    )
