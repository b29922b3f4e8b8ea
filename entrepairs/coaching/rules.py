"""Who sees and does what in coaching (issue 16 point 5).

Coach pairing runs inside one organisation: its coordinators see its offers, requests and
pairings, propose pairs and end them; a coach and a new tutor see their own offer, request and
pairings, and, while a pairing is under way, each other's offer or request. Nobody else sees any
of it (404). Meeting notes are read by the pair only; each one's end feedback by its author and
the coordinators; the coordinators' note on why a pairing ended by the coordinators only."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.viewer import Viewer, viewer_for

from .models import CoachingScheme, CoachPairing


def _own(viewer: Viewer, field: str) -> Q:
    if viewer.person_id is None:
        return Q(pk__in=[])
    return Q(**{field: viewer.person_id}) & viewer.scope_q("organisation_id")


def _runs(viewer: Viewer, prefix: str = "") -> Q:
    return Q(**{f"{prefix}organisation_id__in": viewer.managed_orgs})


def _partners(viewer: Viewer, own_side: str, other_record: str) -> Q:
    """The other side's offer or request of the viewer's pairings under way (proposed or
    active): each of the pair confirms knowing the other's availability, region, languages."""
    if viewer.person_id is None:
        return Q(pk__in=[])
    pairings = CoachPairing.objects.filter(
        Q(**{own_side: viewer.person_id}) & viewer.scope_q("organisation_id"),
        state__in=CoachPairing.HOLDING,
    )
    return Q(pk__in=pairings.values(other_record))


def offer_visible_q(viewer: Viewer) -> Q:
    return _own(viewer, "person_id") | _partners(viewer, "tutor_id", "offer_id") | _runs(viewer)


def request_visible_q(viewer: Viewer) -> Q:
    return _own(viewer, "person_id") | _partners(viewer, "coach_id", "request_id") | _runs(viewer)


def pairing_visible_q(viewer: Viewer) -> Q:
    return _own(viewer, "coach_id") | _own(viewer, "tutor_id") | _runs(viewer)


def meeting_visible_q(viewer: Viewer) -> Q:
    if viewer.person_id is None:
        mine = Q(pk__in=[])
    else:
        mine = (
            Q(pairing__coach_id=viewer.person_id) | Q(pairing__tutor_id=viewer.person_id)
        ) & viewer.scope_q("pairing__organisation_id")
    return mine | _runs(viewer, "pairing__")


def in_pair(viewer: Viewer, pairing: CoachPairing) -> bool:
    return (
        viewer.person_id is not None
        and viewer.person_id in (pairing.coach_id, pairing.tutor_id)
        and viewer.in_scope(pairing.organisation_id)
    )


def side_of(viewer: Viewer, pairing: CoachPairing) -> str | None:
    """ "coach" or "tutor" when the viewer is one of the pair."""
    if not in_pair(viewer, pairing):
        return None
    return "coach" if viewer.person_id == pairing.coach_id else "tutor"


def runs_scheme(viewer: Viewer, organisation_id: Any) -> bool:
    return viewer.manages(organisation_id)


@rules.predicate
def is_in_pair(user: Any, pairing: Any) -> bool:
    return isinstance(pairing, CoachPairing) and in_pair(viewer_for(user), pairing)


@rules.predicate
def runs_coaching(user: Any, obj: Any) -> bool:
    """The organisation's coordinators (obj: an organisation, a scheme or a coaching record)."""
    if obj is None:
        return bool(viewer_for(user).managed_orgs)
    org_id = getattr(obj, "organisation_id", None)
    if org_id is None and not isinstance(obj, CoachingScheme):
        org_id = getattr(obj, "pk", None)
    return runs_scheme(viewer_for(user), org_id)


@rules.predicate
def asked(user: Any, request: Any) -> bool:
    """The new tutor who asked (their own request: they may withdraw it)."""
    person_id = viewer_for(user).person_id
    return person_id is not None and getattr(request, "person_id", None) == person_id


rules.add_perm("coaching.withdraw_request", asked)
rules.add_perm("coaching.respond_pairing", is_in_pair)
rules.add_perm("coaching.log_meeting", is_in_pair)
rules.add_perm("coaching.run_scheme", runs_coaching)
rules.add_perm("coaching.end_pairing", runs_coaching)
rules.add_perm("coaching.give_feedback", is_in_pair)


def reads_feedback(viewer: Viewer, pairing: CoachPairing, side: str) -> bool:
    """One's end feedback is read by its author and the organisation's coordinators."""
    author = pairing.coach_id if side == "coach" else pairing.tutor_id
    return runs_scheme(viewer, pairing.organisation_id) or (
        viewer.person_id == author and in_pair(viewer, pairing)
    )


def reads_end_note(viewer: Viewer, pairing: CoachPairing) -> bool:
    """The coordinators' note on why a pairing ended is theirs (confidential: not the pair's)."""
    return runs_scheme(viewer, pairing.organisation_id)
