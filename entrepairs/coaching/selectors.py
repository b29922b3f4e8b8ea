"""The reads of coaching shared by pages, API, pickers and tasks: what a viewer may see, one
object for an action (invisible and missing are one 404)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .models import CoachingMeeting, CoachOffer, CoachPairing, CoachRequest
from .models.offers import CoachOfferQuerySet
from .rules import (
    in_pair,
    meeting_visible_q,
    offer_visible_q,
    pairing_visible_q,
    reads_end_note,
    reads_feedback,
    request_visible_q,
)

State = CoachPairing.State


def offers_for(user: Any) -> CoachOfferQuerySet:
    """Offers with the places they hold (one query)."""
    viewer = viewer_for(user)
    return (
        CoachOffer.objects.filter(offer_visible_q(viewer))
        .select_related("person", "organisation")
        .with_load()
        .order_by("person__last_name", "person__first_name", "id")
    )


def own_offer(user: Any) -> CoachOffer | None:
    person_id = viewer_for(user).person_id
    return offers_for(user).filter(person_id=person_id).first() if person_id else None


def requests_for(user: Any) -> QuerySet[CoachRequest]:
    viewer = viewer_for(user)
    return (
        CoachRequest.objects.filter(request_visible_q(viewer))
        .select_related("person", "organisation")
        .order_by("since", "id")
    )


def waiting_for(user: Any) -> QuerySet[CoachRequest]:
    """Open requests without a pending proposal: what the coordinators still have to pair."""
    pending = CoachPairing.objects.filter(state__in=CoachPairing.HOLDING).values("request_id")
    return requests_for(user).filter(status=CoachRequest.Status.OPEN).exclude(pk__in=pending)


def pairings_for(user: Any) -> QuerySet[CoachPairing]:
    viewer = viewer_for(user)
    return (
        CoachPairing.objects.filter(pairing_visible_q(viewer))
        .select_related("coach", "tutor", "organisation")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-created_at", "id")
    )


def get_pairing_for(user: Any, pk: Any) -> CoachPairing:
    return get_visible_or_404(pairings_for(user), pk=pk)


def get_request_for(user: Any, pk: Any) -> CoachRequest:
    return get_visible_or_404(requests_for(user), pk=pk)


def get_offer_for(user: Any, pk: Any) -> CoachOffer:
    return get_visible_or_404(offers_for(user), pk=pk)


def run_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations whose coaching the viewer runs (its coordinators)."""
    return Organisation.objects.filter(pk__in=viewer_for(user).managed_orgs).order_by("name")


def get_run_organisation_for(user: Any, pk: Any) -> Organisation:
    return get_visible_or_404(run_organisations(user), pk=pk)


def coaches_to_pick(user: Any, request: CoachRequest) -> QuerySet[Person]:
    """Whom the coordinator's picker offers for this new tutor: the open coaches of the tutor's
    organisation with a free place (CoachOffer.with_room, the engine's rule too), the tutor
    excepted."""
    return open_coaches(user, request).filter(
        pk__in=offers_for(user)
        .filter(organisation_id=request.organisation_id, active=True)
        .with_room()
        .values("person_id")
    )


def open_coaches(user: Any, request: CoachRequest) -> QuerySet[Person]:
    """Whom the proposal form accepts: every open coach of the tutor's organisation, so that a
    full one chosen anyway gets the service's reason (their capacity), not « invalid choice »."""
    offers = offers_for(user).filter(organisation_id=request.organisation_id, active=True)
    return (
        Person.objects.filter(pk__in=offers.values("person_id"))
        .exclude(pk=request.person_id)
        .order_by("last_name", "first_name")
    )


def offer_of(request: CoachRequest, person: Person) -> CoachOffer | None:
    return CoachOffer.objects.filter(organisation_id=request.organisation_id, person=person).first()


@dataclass(frozen=True)
class ShownMeeting:
    pk: Any
    date: Any
    note: str
    note_shown: bool


def meetings_of(user: Any, pairing: CoachPairing) -> list[ShownMeeting]:
    """A pairing's meetings; their notes to the pair only (a coordinator sees the dates)."""
    viewer = viewer_for(user)
    reads_notes = in_pair(viewer, pairing)
    rows = CoachingMeeting.objects.filter(meeting_visible_q(viewer), pairing=pairing)
    return [ShownMeeting(m.pk, m.date, m.note if reads_notes else "", reads_notes) for m in rows]


@dataclass(frozen=True)
class Feedback:
    coach: str | None = None
    tutor: str | None = None
    given: list[str] = field(default_factory=list)
    coach_rating: int | None = None
    tutor_rating: int | None = None


def feedback_of(user: Any, pairing: CoachPairing) -> Feedback:
    """Each one's feedback (rating and comment), to its author and the coordinators."""
    viewer = viewer_for(user)
    given = [s for s in ("coach", "tutor") if getattr(pairing, f"{s}_feedback_given")]
    shown = [s for s in given if reads_feedback(viewer, pairing, s)]
    return Feedback(
        coach=pairing.coach_feedback if "coach" in shown else None,
        tutor=pairing.tutor_feedback if "tutor" in shown else None,
        given=given,
        coach_rating=pairing.coach_rating if "coach" in shown else None,
        tutor_rating=pairing.tutor_rating if "tutor" in shown else None,
    )


@dataclass(frozen=True)
class Ending:
    reason: str
    reason_label: str
    note: str | None  # None: not the viewer's to read


def ending_of(user: Any, pairing: CoachPairing) -> Ending | None:
    """Why an ended pairing ended: the reason to all who see the pairing, the coordinators'
    note to the coordinators only."""
    if pairing.state != State.ENDED or not pairing.end_reason:
        return None
    note = pairing.end_note if reads_end_note(viewer_for(user), pairing) else None
    return Ending(pairing.end_reason, str(pairing.get_end_reason_display()), note)


def coaching_page(user: Any) -> dict[str, Any]:
    """What the coaching page shows: one's own offer, open request and pairings; for the
    organisations one coordinates, their waiting new tutors, coaches and pairings. The lists are
    querysets, for the page to cut into pages (they grow with the organisation)."""
    viewer = viewer_for(user)
    me = viewer.person_id
    organisations = list(run_organisations(user))
    runs = [o.pk for o in organisations]
    mine_open = requests_for(user).filter(status=CoachRequest.Status.OPEN)
    return {
        "my_offer": own_offer(user),
        "my_request": mine_open.filter(person_id=me).first() if me else None,
        "my_pairings": pairings_for(user).filter(Q(coach_id=me) | Q(tutor_id=me))
        if me
        else CoachPairing.objects.none(),
        "may_volunteer": me is not None,
        "organisations": organisations,
        "waiting": waiting_for(user).filter(organisation_id__in=runs),
        "coaches": offers_for(user).filter(organisation_id__in=runs),
        "run_pairings": pairings_for(user).filter(organisation_id__in=runs),
    }


def experienced_tutor_ids(organisation_ids: set[Any]) -> QuerySet[Any]:
    """The experienced tutors of these organisations: people whose coach offer is open to new
    tutors (handed to events, which invites them to the first training of new tutors)."""
    return CoachOffer.objects.filter(organisation_id__in=organisation_ids, active=True).values_list(
        "person_id", flat=True
    )
