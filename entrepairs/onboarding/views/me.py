"""Everyone's part: "my tasks", the newcomer's page, the booklet and the competency history."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.selectors import get_person_for

from .. import history, selectors
from ..models import OwnerRole
from ..models.journeys import today
from ..pdf import booklet_pdf


@login_required
def my_tasks(request: AuthedHttpRequest) -> HttpResponse:
    """Every owner's tasks and the welcome-kit items they provide, including an IT colleague's
    with no other right in onboarding (they see nothing else of the journey)."""
    viewer = viewer_for(request.user)
    tasks = (
        selectors.owned_tasks(viewer)
        .select_related("journey__newcomer")
        .order_by("done_at", "due_date", "title")
    )
    kit_items = (
        selectors.provided_kit_items(viewer)
        .select_related("journey__newcomer")
        .order_by("ready_at", "journey__start_date", "label")
    )
    if request.GET.get("show") != "all":
        tasks = tasks.filter(done_at=None)
        kit_items = kit_items.filter(ready_at=None)
    return render(
        request,
        "onboarding/my_tasks.html",
        {
            "tasks": tasks[:300] if viewer.person_id else [],
            "kit_items": kit_items[:300] if viewer.person_id else [],
            "show": request.GET.get("show", ""),
            "today": today(),
        },
    )


@login_required
def my_journey(request: AuthedHttpRequest) -> HttpResponse:
    """The newcomer's simple page: what is next, who to ask, the welcome booklet."""
    viewer = viewer_for(request.user)
    journey = selectors.own_journey(viewer)
    context: dict = {"journey": journey}
    if journey is not None:
        # What is late comes first, each with the day it was due (issue 15), then what is next.
        context["late_tasks"] = (
            journey.tasks.late().select_related("owner").order_by("due_date", "title")[:50]
        )
        context["next_tasks"] = (
            journey.tasks.open()
            .filter(due_date__gte=today())
            .select_related("owner")
            .order_by("due_date", "title")[:8]
        )
        context["contacts"] = selectors.people_to_know(journey, introductions=False)
        context["first_days"] = journey.tasks.filter(owner_role=OwnerRole.NEWCOMER).order_by(
            "due_date"
        )[:20]
    return render(request, "onboarding/my_journey.html", context)


@login_required
def booklet(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = selectors.get_journey_for(request.user, pk, "view")
    response = HttpResponse(
        booklet_pdf(journey, selectors.people_to_know(journey)), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="welcome-booklet-{journey.start_date}.pdf"'
    )
    return response


@login_required
def person_competencies(request: AuthedHttpRequest, person_pk: str) -> HttpResponse:
    """The competency grid stays with the person after their journey closes (issue 6 point 8)."""
    person = get_person_for(request.user, person_pk)
    rows = history.competency_history(user=request.user, person=person)
    for row in rows:
        for obs in row["observations"]:
            record_access(obs)
    return render(
        request,
        "onboarding/person_competencies.html",
        {
            "person": person,
            "rows": rows,
            "needs": history.training_needs(user=request.user, person=person),
        },
    )
