"""Everyone's part: "my tasks", the newcomer's page, the booklet and the competency history."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from . import history
from .models import Journey, JourneyStatus, JourneyTask, OrgContact, OwnerRole
from .models.journeys import today
from .pdf import booklet_pdf


@login_required
def my_tasks(request: AuthedHttpRequest) -> HttpResponse:
    """Every owner's tasks, including an IT colleague's with no other right in onboarding."""
    viewer = viewer_for(request.user)
    tasks = (
        JourneyTask.objects.filter(owner_id=viewer.person_id, journey__status=JourneyStatus.ACTIVE)
        .select_related("journey__newcomer")
        .order_by("done_at", "due_date", "title")
    )
    if request.GET.get("show") != "all":
        tasks = tasks.filter(done_at=None)
    return render(
        request,
        "onboarding/my_tasks.html",
        {
            "tasks": tasks[:300] if viewer.person_id else [],
            "show": request.GET.get("show", ""),
            "today": today(),
        },
    )


@login_required
def my_journey(request: AuthedHttpRequest) -> HttpResponse:
    """The newcomer's simple page: what is next, who to ask, the welcome booklet."""
    viewer = viewer_for(request.user)
    journey = (
        Journey.objects.filter(newcomer_id=viewer.person_id)
        .select_related(
            "tutor", "referent", "coordinator", "newcomer__line_manager", "version__template"
        )
        .order_by("status", "-start_date")
        .first()
        if viewer.person_id
        else None
    )
    context: dict = {"journey": journey}
    if journey is not None:
        context["next_tasks"] = (
            journey.tasks.open().select_related("owner").order_by("due_date")[:8]
        )
        context["contacts"] = who_to_ask(journey)
        context["first_days"] = journey.tasks.filter(owner_role=OwnerRole.NEWCOMER).order_by(
            "due_date"
        )[:20]
    return render(request, "onboarding/my_journey.html", context)


def who_to_ask(journey: Journey) -> list[tuple[str, Person]]:
    people: list[tuple[Any, Any]] = [
        (OwnerRole.TUTOR.label, journey.tutor),
        (OwnerRole.REFERENT.label, journey.referent),
        (OwnerRole.MANAGER.label, journey.newcomer.line_manager),
        (OwnerRole.COORDINATOR.label, journey.coordinator),
    ]
    for contact in OrgContact.objects.filter(
        organisation_id=journey.organisation_id
    ).select_related("person"):
        people.append((contact.get_role_display(), contact.person))
    seen: set = set()
    out = []
    for label, person in people:
        if person is not None and (label, person.pk) not in seen:
            seen.add((label, person.pk))
            out.append((str(label), person))
    return out


@login_required
def booklet(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_visible_or_404(
        Journey.objects.visible_to(request.user).select_related(
            "newcomer__line_manager",
            "tutor",
            "referent",
            "coordinator",
            "version__template",
            "organisation",
        ),
        pk=pk,
    )
    require(request.user, "onboarding.view_journey", journey)
    response = HttpResponse(
        booklet_pdf(journey, who_to_ask(journey)), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="welcome-booklet-{journey.start_date}.pdf"'
    )
    return response


@login_required
def person_competencies(request: AuthedHttpRequest, person_pk: str) -> HttpResponse:
    """The competency grid stays with the person after their journey closes (issue 6 point 8)."""
    person = get_visible_or_404(Person.objects.visible_to(request.user), pk=person_pk)
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
