"""Demo data for coaching at the Association Tutélaire du Nord: three experienced tutors offer to
coach; the demo's professional (a tutor) is coached, the pairing confirmed by both with a first
meeting logged; the matching engine proposes a coach to another new tutor; a third has been
waiting six weeks and is flagged to the coordinators. Built through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any


def coaching_demo(world: Any) -> None:
    from django.utils import timezone

    from entrepairs.core.services import SYSTEM
    from entrepairs.people.models import Person

    from . import services
    from .models import CoachRequest

    atn = world.organisations.get("atn")
    people = world.people
    if atn is None or "professional" not in people or "coordinator" not in people:
        return
    coordinator, tutor = people["coordinator"], people["professional"]
    others = (
        Person.objects.filter(organisation=atn, user__isnull=True, is_active=True)
        .exclude(profession="")
        .exclude(pk__in=[p.pk for p in people.values()])
        .order_by("-years_experience", "last_name", "first_name")
    )
    experienced = list(others[:3])
    newcomers = list(others.order_by("years_experience", "last_name", "first_name")[:2])
    if len(experienced) < 3 or len(newcomers) < 2:
        return
    services.scheme_update(
        organisation=atn,
        by=coordinator,
        weights={"interests": 2.0, "language": 1.0, "distance": 1.0, "availability": 2.0},
        flag_after_weeks=4,
    )
    offers = [
        services.offer_save(
            by=SYSTEM,
            person=coach,
            capacity=capacity,
            profession=coach.profession,
            region=coach.region,
            languages=list(coach.languages or []),
            availability=list(coach.availability or []),
        )
        for coach, capacity in zip(experienced, (2, 1, 1), strict=True)
    ]
    mine = services.coach_ask(by=tutor)
    pairing = services.pairing_propose(request=mine, offer=offers[0], by=coordinator)
    services.pairing_confirm(pairing=pairing, by=tutor)
    services.pairing_confirm(pairing=pairing, by=SYSTEM, acting_as="coach")
    services.meeting_log(
        pairing=pairing,
        by=tutor,
        date=timezone.localdate(),
        note="Premier échange : organiser ses visites et préparer les audiences.",
    )
    services.coach_ask(by=SYSTEM, person=newcomers[0])
    proposed = services.pairings_propose_all(organisation=atn, by=coordinator)
    late = services.coach_ask(by=SYSTEM, person=newcomers[1])
    # Asked six weeks ago (the demo is built in one go): the daily check flags it.
    CoachRequest.objects.filter(pk=late.pk).update(since=timezone.localdate() - timedelta(weeks=6))
    flagged = services.requests_flag()
    world.log(
        f"  coaching: 3 coaches, 1 active pair, {len(proposed)} proposed by the engine, "
        f"{flagged} flagged"
    )


SMALL_STEPS = [coaching_demo]
