"""The events' pages: list, detail (register, cancel, waiting position, feedback), create and
edit, attendance, calendars. Each write calls one function of events.services; an event the
viewer may not see is a 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.links import absolute_url
from entrepairs.core.permissions import check
from entrepairs.core.views import confirm_page, flash_errors, require
from entrepairs.groups import services as group_services
from entrepairs.groups.models import CalendarFeed
from entrepairs.people.selectors import acting_person

from .. import calendar, selectors, services, training_events
from ..forms import EventForm, FeedbackForm
from ..models import Event, Kind

# How many past events the list shows (the newest first).
PAST_SHOWN = 20


def _hosts(request: Any) -> list[tuple[str, str]]:
    hosts = [(f"network:{n.pk}", n.name) for n in selectors.hostable_networks(request.user)]
    hosts += [
        (f"organisation:{o.pk}", o.name) for o in selectors.hostable_organisations(request.user)
    ]
    return hosts


@login_required
def event_list(request: AuthedHttpRequest) -> HttpResponse:
    upcoming = list(selectors.upcoming_for(request.user))
    past = list(selectors.past_for(request.user)[:PAST_SHOWN])
    mine = selectors.my_registrations(request.user)
    for event in upcoming + past:
        event.mine = mine.get(event.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "events/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "may_create": check(request.user, "events.add_event"),
            "may_follow": check(request.user, "groups.add_calendarfeed"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "events.add_event")
    hosts = _hosts(request)
    initial: dict[str, Any] = {}
    for key in ("network", "organisation"):
        if request.GET.get(key):
            initial["host"] = f"{key}:{request.GET[key]}"
    session = _session_to_hold(request)
    if session is not None:
        initial.update(
            host=f"organisation:{session.module.organisation_id}",
            kind="training",
            title=session.module.name,
            place=session.place,
            capacity=session.capacity,
        )
    form = EventForm(hosts=hosts, initial=initial)
    if request.method == "POST":
        form = EventForm(request.POST, hosts=hosts)
        if form.is_valid():
            kind, _sep, pk = form.cleaned_data.pop("host").partition(":")
            host: dict[str, Any] = {}
            if kind == "network":
                host["network"] = selectors.hostable_networks(request.user).get(pk=pk)
            else:
                host["organisation"] = selectors.hostable_organisations(request.user).get(pk=pk)
            by = acting_person(request.user)
            try:
                if session is not None:
                    event = training_events.training_event_create(
                        session=session, by=by, **host, **form.cleaned_data
                    )
                else:
                    event = services.event_create(by=by, **host, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The event is created."))
                return redirect("events:detail", pk=event.pk)
    return render(
        request, "events/form.html", {"form": form, "event": None, "training_session": session}
    )


def _session_to_hold(request: AuthedHttpRequest) -> Any:
    """`?training_session=<id>`: plan the event a training session is held as (a session the
    viewer runs, training's rule: 404 otherwise)."""
    from entrepairs.training.selectors import get_session_for

    pk = request.POST.get("training_session") or request.GET.get("training_session")
    return get_session_for(request.user, pk, "change") if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    require(request.user, "events.change_event", event)
    form = EventForm(instance=event)
    if request.method == "POST":
        form = EventForm(request.POST, instance=Event.objects.get(pk=event.pk))
        if form.is_valid():
            try:
                services.event_update(
                    event=event, by=acting_person(request.user), **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The event is saved."))
                return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    organiser = selectors.organises(event, request.user)
    own = selectors.own_registration(event, request.user)
    feedback_form = None
    if request.method == "POST":
        feedback_form = FeedbackForm(request.POST)
        if feedback_form.is_valid():
            try:
                services.feedback_give(
                    event=event, by=acting_person(request.user), **feedback_form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(feedback_form, exc)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return redirect("events:detail", pk=event.pk)
    own_feedback = selectors.own_feedback(event, request.user)
    over = event.ends_at <= timezone.now()
    may_give_feedback = (
        over
        and own is not None
        and own.status == own.Status.REGISTERED
        and own.attended is not False
    )
    if feedback_form is None and may_give_feedback:
        initial = (
            {"rating": own_feedback.rating, "comment": own_feedback.comment}
            if own_feedback
            else None
        )
        feedback_form = FeedbackForm(initial=initial)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "organiser": organiser,
            "own": own if own is not None and own.status != own.Status.CANCELLED else None,
            "position": selectors.waiting_position(own) if own is not None else None,
            "over": over,
            "started": event.starts_at <= timezone.now(),
            "registrations": selectors.registrations_of(event) if organiser else [],
            "summary": selectors.feedback_summary(event) if organiser and over else None,
            "feedback_form": (
                feedback_form
                if may_give_feedback or (feedback_form is not None and feedback_form.errors)
                else None
            ),
            "own_feedback": own_feedback,
            **_training_context(event, request, organiser),
        },
    )


def _training_context(event: Event, request: AuthedHttpRequest, organiser: bool) -> dict[str, Any]:
    """A training event: the session it is held as, its experienced tutors, and (organisers) the
    sessions it may hold and the tutors they may invite."""
    if event.kind != Kind.TRAINING:
        return {}
    me = acting_person(request.user)
    return {
        "training": True,
        "training_session": event.training_session,
        "experienced": training_events.experienced_seats_of(event),
        "invited": me is not None and training_events.is_invited(event, me.pk),
        "linkable_sessions": (
            list(selectors.linkable_sessions(event, request.user))
            if organiser and event.training_session_id is None
            else []
        ),
        "invitable": (
            list(training_events.invitable_experienced_tutors(event)[:100]) if organiser else []
        ),
    }


@login_required
@require_POST
def event_register(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    try:
        registration = services.register(event=event, by=acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if registration.status == registration.Status.REGISTERED:
            messages.success(request, _("You are registered."))
        else:
            messages.success(request, _("The event is full: you are on the waiting list."))
    return redirect("events:detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Cancel your registration?"),
            question=_("Your seat goes to the first person on the waiting list."),
            confirm=_("Cancel my registration"),
            back=reverse("events:detail", args=[event.pk]),
        )
    try:
        services.cancel(event=event, by=acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_attendance(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    require(request.user, "events.change_event", event)
    error = None
    if request.method == "POST":
        try:
            services.attendance_record(
                event=event, present=request.POST.getlist("present"), by=acting_person(request.user)
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect("events:detail", pk=event.pk)
    registered = [r for r in selectors.registrations_of(event) if r.status == r.Status.REGISTERED]
    return render(
        request,
        "events/attendance.html",
        {"event": event, "registered": registered, "error": error},
    )


@login_required
def event_invitation(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    resp = HttpResponse(calendar.invitation(event), content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="evenement.ics"'
    return resp


@login_required
@require_POST
def calendar_address(request: AuthedHttpRequest) -> HttpResponse:
    """A new personal calendar address (the groups' one: one secret per person), shown once."""
    if not check(request.user, "groups.add_calendarfeed"):
        raise PermissionDenied
    person = acting_person(request.user)
    if person is None:
        raise PermissionDenied
    _feed, secret = group_services.calendar_feed_create(
        person=person, scope=CalendarFeed.Scope.MEMBER
    )
    return render(
        request,
        "events/calendar.html",
        {
            "events_url": absolute_url(reverse("events:ics", args=[secret])),
            "sessions_url": absolute_url(reverse("groups:ics", args=[secret])),
        },
    )


def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design (calendar apps cannot sign in): the secret address is the credential."""
    feed = (
        CalendarFeed.objects.filter(
            token_hash=group_services.hash_token(token),
            revoked_at__isnull=True,
            scope=CalendarFeed.Scope.MEMBER,
        )
        .select_related("person__user")
        .first()
    )
    if feed is None or not feed.person.is_active or feed.person.user is None:
        raise Http404
    body = calendar.feed(selectors.feed_events(feed.person.user))
    resp = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = 'inline; filename="evenements.ics"'
    return resp
