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


def mailing_lists_demo(world: Any) -> None:
    """The demo network's list: three members subscribed in one click, an address without an
    account waiting for its confirmation, one message in the archive (sent by the worker)."""
    from entrepairs.networks.models import Network

    from . import services
    from .models import MailingList

    network = Network.objects.filter(name="Réseau des tuteurs des Hauts-de-France").first()
    if network is None:
        return
    people = world.people
    mailing_list = services.mailing_list_save(
        mailing_list=MailingList(
            network=network,
            name="Tuteurs des Hauts-de-France : annonces",
            description="Les formations, rencontres et dîners du réseau.",
        ),
        by=people["coordinator"].user,
    )
    for key in ("coordinator", "professional", "facilitator", "case_worker"):
        services.list_subscribe(mailing_list=mailing_list, by=people[key].user)
    services.list_subscribe_address(
        mailing_list=mailing_list,
        email="tuteur.partenaire@example.org",
        by=people["professional"].user,
    )
    services.list_message_post(
        mailing_list=mailing_list,
        subject="Dîner du réseau le jeudi 14",
        body=(
            "Bonjour à toutes et à tous,\n\nLe prochain dîner du réseau aura lieu le jeudi 14 à "
            "19 h, à Lille. Répondez sur la page de l'événement.\n\nBelle semaine !"
        ),
        by=people["coordinator"].user,
    )
    world.log("  mailing: 1 network list, 4 subscribers (1 address waiting), 1 message")


SMALL_STEPS = [mailing_demo]
LATE_SMALL_STEPS = [mailing_lists_demo]
