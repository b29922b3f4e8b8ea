"""Demo data for networks: a regional network of tutors of the three demo organisations
(seed 000: the Veneto region's network of tutors), each organisation enrolled by its own
coordinator's acceptance, with members who joined by request and by invitation."""

from __future__ import annotations

from typing import Any


def networks_demo(world: Any) -> None:
    from . import services
    from .models import Level

    people = world.people
    atn = world.organisations["atn"]
    network = services.network_create(
        organisation=atn,
        name="Réseau des tuteurs des Hauts-de-France",
        level=Level.REGIONAL,
        description=(
            "Formations, rencontres et dîners entre tuteurs de la région : partager ses "
            "questions avec des pairs d'autres structures."
        ),
        open_to_requests=True,
        by=people["coordinator"],
    )
    for slug, coordinator in (
        ("supervision-pratiques", "provider_director"),
        ("ase-nord", "agency_coordinator"),
    ):
        link = services.organisation_invite(
            network=network, organisation=world.organisations[slug], by=people["coordinator"]
        )
        services.link_answer(link=link, accept=True, by=people[coordinator])
    request = services.member_request(network=network, by=people["professional"])
    services.member_answer(member=request, accept=True, by=people["coordinator"])
    for key in ("facilitator", "case_worker"):
        invitation = services.member_invite(
            network=network, person=people[key], by=people["coordinator"]
        )
        services.member_answer(member=invitation, accept=True, by=people[key])
    _directory_demo(network, people)
    world.log("  networks: 1 regional network, 3 organisations, 4 members, their directory")


def _directory_demo(network: Any, people: Any) -> None:
    """The members' directory choices, a mix (issue 16 point 2): the coordinator shares much
    with the network, the tutor her e-mail with the network and her phone with her groups'
    people, the facilitator only her profession and languages, the case worker nothing."""
    from . import services
    from .models import NetworkMember

    choices: dict[str, dict[str, str]] = {
        "coordinator": {
            "email": "network",
            "phone": "network",
            "organisation": "network",
            "profession": "network",
            "region": "network",
            "presentation": "network",
            "presentation_text": "Coordinatrice du réseau : écrivez-moi pour toute question.",
        },
        "professional": {
            "email": "network",
            "phone": "group",
            "profession": "network",
            "languages": "network",
            "experience": "network",
            "presentation": "group",
            "presentation_text": "Tutrice depuis quatre ans, je parle aussi anglais.",
        },
        "facilitator": {"profession": "network", "languages": "network"},
    }
    for key, chosen in choices.items():
        member = NetworkMember.objects.get(network=network, person=people[key])
        services.directory_profile_update(member=member, by=people[key], **chosen)


SMALL_STEPS = [networks_demo]
