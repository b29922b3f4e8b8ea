"""Journey pages: start, the four phases on one page, naming the tutor, the closing review."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import ask_first, require
from entrepairs.organisations.viewer import viewer_for

from .. import services
from ..forms import (
    AssignTutorForm,
    FeedbackForm,
    FirstLunchForm,
    ObservationForm,
    PhaseForm,
    ReviewNewcomerForm,
    ReviewTutorForm,
    ShadowingForm,
    StartJourneyForm,
)
from ..models import (
    ClosingReview,
    Competency,
    CompetencyObservation,
    FeedbackEntry,
    Journey,
    JourneyTask,
    ObservationSource,
    Phase,
    ShadowingSession,
)
from ..rules import can_tick_kit_item, ticks_task
from ..selectors import (
    get_introduction_for,
    get_journey_for,
    get_kit_check_for,
    get_task_for,
    observation_source_for,
    person_of,
    templates_for,
)
from .common import report


def _back(journey: Journey, anchor: str = "") -> HttpResponse:
    return redirect(
        reverse("onboarding:journey", args=[journey.pk]) + (f"#{anchor}" if anchor else "")
    )


@login_required
def journey_list(request: AuthedHttpRequest) -> HttpResponse:
    journeys = Journey.objects.visible_to(request.user).for_list()
    phase = request.GET.get("phase", "")
    status = request.GET.get("status", "active")
    if phase in Phase.values:
        journeys = journeys.filter(phase=phase)
    if status in ("active", "closed"):
        journeys = journeys.filter(status=status)
    return render(
        request,
        "onboarding/journey_list.html",
        {
            "journeys": journeys.order_by("-start_date", "id")[:200],
            "phases": Phase.choices,
            "phase": phase,
            "status": status,
            "can_start": check(request.user, "onboarding.add_journey"),
        },
    )


@login_required
def journey_start(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "onboarding.add_journey")
    viewer = viewer_for(request.user)
    form = StartJourneyForm(
        request.POST or None,
        templates=templates_for(viewer),
        viewer=viewer,
    )
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = data["template"].latest_published()
        try:
            result = services.journey_start(
                version=version,
                newcomer=data["newcomer"],
                start_date=data["start_date"],
                coordinator=person_of(request.user),
                by=person_of(request.user),
                tutor=data["tutor"],
                referent=data["referent"],
                colleague=data["colleague"],
                confirm=data["confirm"],
            )
        except ValidationError as exc:
            if _needs_confirmation(exc):
                warnings = exc.message_dict.get("tutor", [])
            else:
                add_errors(form, exc)
        else:
            messages.success(request, _("The journey has started."))
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("onboarding:journey", pk=result.journey.pk)
    return render(
        request, "onboarding/journey_start.html", {"form": form, "tutor_warnings": warnings}
    )


def _journey_context(request: AuthedHttpRequest, journey: Journey, **bound: Any) -> dict[str, Any]:
    user = request.user
    viewer = viewer_for(user)
    can_evaluations = check(user, "onboarding.view_evaluations", journey)
    task_groups = _tasks_by_phase(journey)
    kit = list(journey.kit_checks.select_related("provider"))
    for line in kit:
        line.journey = journey  # the rules read the journey's organisation without a query
    context: dict[str, Any] = {
        "journey": journey,
        "version": journey.version,
        "warnings": services.journey_warnings(journey),
        "task_groups": task_groups,
        # the tasks whose "Mark done" the viewer is offered (rules.ticks_task), asked once each
        "tickable": {
            t.pk for tasks in task_groups.values() for t in tasks if ticks_task(viewer, t)
        },
        "kit": kit,
        # the kit lines whose "Ready" the viewer is offered (rules.can_tick_kit_item)
        "kit_tickable": {c.pk for c in kit if can_tick_kit_item(viewer, c)},
        "introductions": journey.introductions.select_related("person"),
        "reminders": journey.reminders.select_related("recipient"),
        "phases": Phase.choices,
        "can_run": check(user, "onboarding.run_journey", journey),
        "can_manage": check(user, "onboarding.change_journey", journey),
        "can_close": check(user, "onboarding.close_journey", journey),
        "can_evaluate": check(user, "onboarding.evaluate_journey", journey),
        "can_self_assess": check(user, "onboarding.self_assess_journey", journey),
        "can_feedback": check(user, "onboarding.give_feedback_journey", journey),
        "can_evaluations": can_evaluations,
        "next_phase": services.next_phase(journey.phase),
        "lunch_form": bound.get("lunch")
        or FirstLunchForm(
            initial={
                "first_lunch_on": journey.first_lunch_on,
                "first_lunch_place": journey.first_lunch_place,
            }
        ),
        "phase_form": PhaseForm(initial={"phase": journey.phase}),
    }
    if can_evaluations:
        observations = list(
            CompetencyObservation.objects.filter(journey=journey).select_related(
                "competency", "author"
            )
        )
        shadowing = list(
            ShadowingSession.objects.filter(journey=journey).select_related("colleague")
        )
        feedback = list(FeedbackEntry.objects.filter(journey=journey).select_related("author"))
        review = ClosingReview.objects.filter(journey=journey).first()
        records: list[Any] = [*observations, *shadowing, *feedback, *([review] if review else [])]
        for record in records:
            record.journey = journey  # the audit entry's organisation tag, without a query
            record_access(record)
        context.update(
            observations=observations,
            grid=_grid(journey, observations),
            shadowing=shadowing,
            feedback=feedback,
            review=review,
            observation_form=bound.get("observation")
            or ObservationForm(version=journey.version, prefix="obs"),
            shadowing_form=bound.get("shadowing")
            or ShadowingForm(viewer=viewer_for(request.user), prefix="shadow"),
            feedback_form=bound.get("feedback") or FeedbackForm(prefix="fb"),
        )
    return context


def _tasks_by_phase(journey: Journey) -> dict[str, list[JourneyTask]]:
    groups: dict[str, list[JourneyTask]] = {phase: [] for phase in Phase.values}
    for task in journey.tasks.select_related("owner").order_by("due_date", "title"):
        task.journey = journey  # the rules read the journey's organisation without a query
        groups[task.phase].append(task)
    return groups


def _grid(journey: Journey, observations: list[CompetencyObservation]) -> list[dict[str, Any]]:
    """Each competency with the latest tutor level and the latest self-assessment."""
    rows = []
    for competency in Competency.objects.filter(version=journey.version):
        mine = [o for o in observations if o.competency_id == competency.pk]
        latest = {
            source: next((o for o in mine if o.source == source), None)
            for source in ObservationSource.values
        }
        rows.append({"competency": competency, "tutor": latest["tutor"], "self": latest["self"]})
    return rows


@login_required
def journey_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk)
    return render(request, "onboarding/journey_detail.html", _journey_context(request, journey))


def _rerender(request: AuthedHttpRequest, journey: Journey, **bound: Any) -> HttpResponse:
    if not journey.is_active:
        # A closed journey's page shows no forms: its refusal ("This journey is closed.") is a
        # message instead of being lost with the form.
        for form in bound.values():
            for message in form.non_field_errors():
                messages.error(request, message)
    response = render(
        request, "onboarding/journey_detail.html", _journey_context(request, journey, **bound)
    )
    response.status_code = 400
    return response


@login_required
def journey_assign_tutor(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.change_journey")
    form = AssignTutorForm(
        request.POST or None,
        viewer=viewer_for(request.user),
        initial={"tutor": journey.tutor_id, "referent": journey.referent_id},
    )
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.journey_assign_tutor(
                journey=journey,
                tutor=form.cleaned_data["tutor"],
                referent=form.cleaned_data["referent"],
                confirm=form.cleaned_data["confirm"],
                by=person_of(request.user),
            )
        except ValidationError as exc:
            if _needs_confirmation(exc):
                warnings = exc.message_dict["tutor"]
            else:
                add_errors(form, exc)
        else:
            messages.success(request, _("The tutor is named."))
            return _back(journey)
    return render(
        request,
        "onboarding/assign_tutor.html",
        {"form": form, "journey": journey, "tutor_warnings": warnings},
    )


def _needs_confirmation(exc: ValidationError) -> bool:
    errors = getattr(exc, "error_dict", {}).get("tutor", [])
    return any(e.code == "needs_confirmation" for e in errors)


@login_required
@require_POST
def task_toggle(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    task = get_task_for(request.user, pk, "change")
    try:
        services.task_set_done(
            task=task, done=request.POST.get("done") == "1", by=person_of(request.user)
        )
    except ValidationError as exc:
        report(request, exc)
    nxt = request.POST.get("next", "")
    if nxt.startswith("/onboarding/"):
        return redirect(nxt)
    return redirect("onboarding:my_tasks")


@login_required
@require_POST
def kit_toggle(request: AuthedHttpRequest, pk: str, item_pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk)
    check_ = get_kit_check_for(request.user, item_pk, "change", journey)
    try:
        services.kit_set_ready(
            check=check_, ready=request.POST.get("ready") == "1", by=person_of(request.user)
        )
    except ValidationError as exc:
        report(request, exc)
    return _back(journey, "kit")


@login_required
@require_POST
def introduction_toggle(request: AuthedHttpRequest, pk: str, item_pk: str) -> HttpResponse:
    from ..models.journeys import today

    journey = get_journey_for(request.user, pk)
    intro = get_introduction_for(request.user, item_pk, "change", journey)
    intro.journey = journey
    try:
        services.introduction_set_met(
            introduction=intro,
            met_on=today() if request.POST.get("met") == "1" else None,
            by=person_of(request.user),
        )
    except ValidationError as exc:
        report(request, exc)
    return _back(journey, "introductions")


@login_required
@require_POST
def first_lunch(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.run_journey")
    form = FirstLunchForm(request.POST)
    if form.is_valid():
        try:
            services.journey_plan_first_lunch(
                journey=journey,
                on=form.cleaned_data["first_lunch_on"],
                place=form.cleaned_data["first_lunch_place"],
                by=person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The first lunch is planned; colleagues are told."))
            return _back(journey, "welcome")
    return _rerender(request, journey, lunch=form)


@login_required
@require_POST
def set_phase(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.run_journey")
    form = PhaseForm(request.POST)
    if not form.is_valid():
        # No phase, or one that does not exist: say so rather than come back silently (outside
        # test of issue 15).
        messages.error(request, _("Choose the phase to move the journey to."))
        return _back(journey)
    try:
        services.journey_set_phase(
            journey=journey, phase=form.cleaned_data["phase"], by=person_of(request.user)
        )
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Phase changed."))
    return _back(journey)


@login_required
@require_POST
def observation_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk)
    source = observation_source_for(
        request.user, journey, asked=request.POST.get("source") or ObservationSource.TUTOR
    )
    form = ObservationForm(request.POST, version=journey.version, prefix="obs")
    if form.is_valid():
        try:
            services.observation_record(
                journey=journey,
                source=source,
                author=person_of(request.user),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Observation recorded."))
            return _back(journey, "grid")
    return _rerender(request, journey, observation=form)


@login_required
@require_POST
def shadowing_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.add_shadowingsession")
    form = ShadowingForm(request.POST, viewer=viewer_for(request.user), prefix="shadow")
    if form.is_valid():
        try:
            services.shadowing_plan(
                journey=journey, by=person_of(request.user), **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Job shadowing planned."))
            return _back(journey, "shadowing")
    return _rerender(request, journey, shadowing=form)


@login_required
@require_POST
def feedback_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.give_feedback_journey")
    form = FeedbackForm(request.POST, prefix="fb")
    if form.is_valid():
        try:
            services.feedback_record(
                journey=journey, author=person_of(request.user), **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Feedback recorded."))
            return _back(journey, "feedback")
    return _rerender(request, journey, feedback=form)


@login_required
def closing_review(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.view_evaluations")
    require(request.user, "onboarding.write_review_journey", journey)
    as_newcomer = check(request.user, "onboarding.self_assess_journey", journey)
    review = ClosingReview.objects.filter(journey=journey).first() or ClosingReview(journey=journey)
    if review.pk:
        record_access(review)
    form_class = ReviewNewcomerForm if as_newcomer else ReviewTutorForm
    form = form_class(request.POST or None, instance=review)
    if request.method == "POST" and journey.is_active and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.closing_review_save(journey=journey, values=values, by=person_of(request.user))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Closing review saved."))
            return _back(journey, "close")
    return render(
        request,
        "onboarding/closing_review.html",
        {"form": form, "journey": journey, "review": review, "as_newcomer": as_newcomer},
    )


@login_required
@require_POST
def journey_close(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    journey = get_journey_for(request.user, pk, "onboarding.close_journey")
    asked = ask_first(
        request,
        title=_("Close the journey of %(person)s?") % {"person": journey.newcomer},
        question=_("The journey is closed. The competency grid stays with the person."),
        confirm=_("Yes, close the journey"),
        back=reverse("onboarding:journey", args=[journey.pk]),
    )
    if asked is not None:
        return asked
    try:
        services.journey_close(journey=journey, by=person_of(request.user))
    except ValidationError as exc:
        # The reasons go next to the button the user just pressed, announced and focused
        # (issue 14: a message at the top of a long page was off-screen).
        context = _journey_context(request, journey)
        context["close_errors"] = exc.messages
        response = render(request, "onboarding/journey_detail.html", context)
        response.status_code = 400
        return response
    messages.success(
        request, _("The journey is closed. The competency grid stays with the person.")
    )
    return _back(journey, "close")
