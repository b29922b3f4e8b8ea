"""Demo data for mailing: the provider's published announcement of an open workshop, with one
subscriber (the demo professional)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM


def mailing_demo(world: Any) -> None:
    from . import services
    from .models import Announcement

    provider = world.organisations["supervision-pratiques"]
    professional = world.people["professional"]
    announcement = Announcement.objects.create(
        provider=provider,
        author=world.people["facilitator"],
        title="Atelier ouvert : la posture d'accompagnant face à la colère",
        body="Une demi-journée ouverte aux professionnels de l'accompagnement, toutes structures.",
        event_date=timezone.localdate() + timedelta(days=40),
        place="Cabinet de Lille",
    )
    services.subscribe(provider=provider, email=professional.email, person=professional)
    services.announcement_publish(announcement=announcement, by=SYSTEM)
    world.log("  mailing: 1 announcement published, 1 subscriber")


SMALL_STEPS = [mailing_demo]
