"""The reads of events shared by pages, API, feeds and tasks: what a viewer may see, one object
for an action (invisible and missing are one 404)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from entrepairs.core.views import get_visible_or_404
from entrepairs.networks.models import Network
from entrepairs.networks.rules import organised_q
from entrepairs.networks.selectors import networks_for
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for

from .models import Event, Feedback, Registration
from .rules import event_visible_q, feedback_visible_q, organises_event, registration_visible_q

Status = Registration.Status


def events_for(user: Any) -> QuerySet[Event]:
    """The events the viewer sees, with the number registered and waiting and the network's
    organisers (who organise it) fetched in a fixed number of queries."""
    viewer = viewer_for(user)
    return (
        Event.objects.filter(event_visible_q(viewer))
        .select_related("network", "organisation")
        .prefetch_related("network__organisers")
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Status.REGISTERED)
            ),
            waiting_count=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
        )
        .order_by("starts_at", "id")
    )


def upcoming_for(user: Any, now: datetime | None = None) -> QuerySet[Event]:
    return events_for(user).filter(ends_at__gte=now or timezone.now())


def past_for(user: Any, now: datetime | None = None) -> QuerySet[Event]:
    return events_for(user).filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "id")


def upcoming_for_network(network: Network, user: Any, limit: int = 10) -> list[Event]:
    """The network's coming events, as its page lists them (the viewer already sees the network;
    the events' own rule is asked all the same)."""
    return list(upcoming_for(user).filter(network=network)[:limit])


def get_event_for(user: Any, pk: Any) -> Event:
    return get_visible_or_404(events_for(user).select_related("training_session__module"), pk=pk)


def with_waiting_ahead(rows: QuerySet[Registration]) -> QuerySet[Registration]:
    """Each row with `waiting_ahead`: how many wait before it (in the same query)."""
    ahead = (
        Registration.objects.filter(event_id=OuterRef("event_id"), status=Status.WAITING)
        .filter(
            Q(joined_at__lt=OuterRef("joined_at"))
            | Q(joined_at=OuterRef("joined_at"), id__lt=OuterRef("id"))
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return rows.annotate(waiting_ahead=Coalesce(Subquery(ahead), 0))


def registrations_for(user: Any) -> QuerySet[Registration]:
    viewer = viewer_for(user)
    return with_waiting_ahead(
        Registration.objects.filter(registration_visible_q(viewer))
        .select_related("event", "person")
        .order_by("event__starts_at", "joined_at", "id")
    )


def my_registrations(user: Any) -> dict[Any, Registration]:
    """The viewer's own registrations, by event id (one query for a whole list)."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return {}
    rows = Registration.objects.filter(person_id=viewer.person_id).exclude(status=Status.CANCELLED)
    return {r.event_id: r for r in rows}


def own_registration(event: Event, user: Any) -> Registration | None:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    return Registration.objects.filter(event=event, person_id=viewer.person_id).first()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != Status.WAITING:
        return None
    if hasattr(registration, "waiting_ahead"):
        return int(registration.waiting_ahead) + 1
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING
    ).filter(
        Q(joined_at__lt=registration.joined_at)
        | Q(joined_at=registration.joined_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def registrations_of(event: Event) -> list[Registration]:
    """Who is registered or waiting (the organisers' view), in the list's order."""
    return list(
        with_waiting_ahead(event.registrations.exclude(status=Status.CANCELLED))
        .select_related("person")
        .order_by("status", "joined_at", "id")
    )


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None
    by_rating: dict[int, int]
    comments: list[str]


def feedback_summary(event: Event) -> FeedbackSummary:
    """What the organisers read: how many answered, the mean rating, each rating's count and
    the comments (without their authors' names)."""
    rows = list(Feedback.objects.filter(event=event).order_by("created_at", "id"))
    by_rating = dict.fromkeys(range(1, 6), 0)
    for row in rows:
        by_rating[row.rating] += 1
    average = Feedback.objects.filter(event=event).aggregate(a=Avg("rating"))["a"]
    return FeedbackSummary(
        count=len(rows),
        average=round(float(average), 1) if average is not None else None,
        by_rating=by_rating,
        comments=[row.comment for row in rows if row.comment],
    )


def feedback_for(user: Any) -> QuerySet[Feedback]:
    return Feedback.objects.filter(feedback_visible_q(viewer_for(user))).select_related("event")


def own_feedback(event: Event, user: Any) -> Feedback | None:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    return Feedback.objects.filter(event=event, person_id=viewer.person_id).first()


def hostable_networks(user: Any) -> QuerySet[Network]:
    """Networks the viewer may host an event for: those they organise (among those they see)."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return Network.objects.none()
    return networks_for(viewer).filter(organised_q(viewer))


def hostable_organisations(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=viewer_for(user).managed_orgs).order_by("name")


def organises(event: Event, user: Any) -> bool:
    return organises_event(viewer_for(user), event)


def feed_events(user: Any) -> QuerySet[Event]:
    """A person's calendar feed: the events they are registered to (or waiting for), from two
    months back, that they still see."""
    from datetime import timedelta

    viewer = viewer_for(user)
    person_id = viewer.person_id
    if person_id is None:
        return Event.objects.none()
    return (
        Event.objects.filter(event_visible_q(viewer))
        .filter(
            registrations__person_id=person_id,
            registrations__status__in=[Status.REGISTERED, Status.WAITING],
            ends_at__gte=timezone.now() - timedelta(days=60),
        )
        .select_related("network", "organisation")
        .distinct()
        .order_by("starts_at", "id")
    )


# --- a training event held as a training session (training_events.py) ---------------------------


def linkable_sessions(event: Event, user: Any) -> QuerySet[Any]:
    """The training sessions the viewer runs (training's rule) that this event may hold: the
    event's day, not held as another event, nobody enrolled yet."""
    from entrepairs.training.selectors import sessions_for

    linked = Event.objects.filter(training_session__isnull=False).values("training_session_id")
    return (
        sessions_for(viewer_for(user))
        .filter(held_on=timezone.localtime(event.starts_at).date(), enrolments__isnull=True)
        .exclude(pk__in=linked)
    )


def event_of_session(session: Any, user: Any) -> Event | None:
    """The event a training session is held as, when the viewer sees it."""
    return events_for(user).filter(training_session=session).first()
