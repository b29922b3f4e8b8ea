"""The coaching scheme of a side (issue 16 point 5): the tutor volunteers as a coach (an offer
whose region is a marker), the newcomer asks for a coach, the coordinator proposes the pair, both
confirm (the pairing is active) and the coach logs a meeting with private notes (a marker). The
"proposed" state of the table is the same pairing before either confirmed: `as_proposed` puts it
back there inside a cell's savepoint."""

from __future__ import annotations

from django.utils import timezone

from .world import Side, marker


def add_coaching(side: Side) -> None:
    from entrepairs.coaching import services as coaching

    coordinator, tutor, newcomer = (side.people[r] for r in ("coordinator", "tutor", "newcomer"))
    offer = coaching.offer_save(by=tutor, capacity=2, region=marker(side.tag, "coachoffer"))
    request = coaching.coach_ask(by=newcomer)
    pairing = coaching.pairing_propose(request=request, offer=offer, by=coordinator)
    for person in (tutor, newcomer):
        pairing = coaching.pairing_confirm(pairing=pairing, by=person)
    meeting = coaching.meeting_log(
        pairing=pairing, by=tutor, date=timezone.localdate(), note=marker(side.tag, "coachnote")
    )
    side.objects.update(
        coachoffer=offer,
        coachrequest=request,
        coachpairing=pairing,
        coachmeeting=meeting,
        organisation=side.org,
    )


def as_proposed(side: Side) -> None:
    """The pairing as the coordinator proposed it, before either of the pair confirmed."""
    from entrepairs.coaching.models import CoachPairing, CoachRequest

    pairing = side.objects["coachpairing"]
    CoachPairing.objects.filter(pk=pairing.pk).update(
        state=CoachPairing.State.PROPOSED, confirmed_by_coach=False, confirmed_by_tutor=False
    )
    pairing.meetings.all().delete()
    CoachRequest.objects.filter(pk=pairing.request_id).update(status=CoachRequest.Status.OPEN)
