"""Demo data for training (issue 16: "a training catalogue with recurring requirements"): the
coordinator's organisation trains its tutors (the first training, at sessions only), a partner
training renewed every two years and first aid renewed every year; a coming session with seats,
an enrolment, and a past session whose attendees completed it. Built through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any


def training_demo(world: Any) -> None:
    from django.utils import timezone

    from entrepairs.core.services import SYSTEM

    from . import services
    from .models import TrainingModule

    people = world.people
    coordinator = people.get("coordinator")
    if coordinator is None or coordinator.organisation is None:
        return
    org = coordinator.organisation
    today = timezone.localdate()
    catalogue: list[tuple[str, str, int | None, bool, list[tuple[str, int | None]]]] = [
        # name, partner, validity (months), at sessions only, [(role, renewal in months)]
        ("Premiers pas du tuteur", "", None, True, [("professional", None)]),
        (
            "Secret professionnel partagé",
            "Département du Nord",
            36,
            False,
            [("professional", 24), ("coordinator", 24)],
        ),
        ("Gestes de premiers secours", "Croix-Rouge française", 24, False, [("coordinator", 12)]),
    ]
    modules = {}
    for name, partner, validity, at_sessions, requirements in catalogue:
        module = services.module_save(
            module=TrainingModule(
                organisation=org,
                name=name,
                audience=TrainingModule.Audience.STAFF,
                partner=partner,
                validity_months=validity,
                requires_session=at_sessions,
            ),
            by=SYSTEM,
        )
        for role, months in requirements:
            services.requirement_add(module=module, role=role, recurrence_months=months, by=SYSTEM)
        modules[name] = module

    first = modules["Premiers pas du tuteur"]
    past = services.session_schedule(
        module=first,
        held_on=today - timedelta(days=40),
        place="Lille, maison des associations",
        trainer="Tuteurs expérimentés du réseau",
        capacity=12,
        by=SYSTEM,
        already_held=True,
    )
    present = [p for key in ("professional",) if (p := people.get(key)) is not None]
    services.session_record_attendance(session=past, people=present, by=SYSTEM)
    coming = services.session_schedule(
        module=first,
        held_on=today + timedelta(days=21),
        place="Lille, maison des associations",
        trainer="Tuteurs expérimentés du réseau",
        capacity=12,
        by=SYSTEM,
    )
    newcomer = people.get("facilitator")
    if newcomer is not None:
        services.session_enrol(session=coming, person=newcomer, by=SYSTEM)
    services.completion_record(
        person=coordinator,
        module=modules["Gestes de premiers secours"],
        completed_on=today - timedelta(days=340),
        by=SYSTEM,
    )
    world.log("  training: 3 modules with yearly / two-yearly renewals, 2 sessions")


LATE_SMALL_STEPS = [training_demo]
