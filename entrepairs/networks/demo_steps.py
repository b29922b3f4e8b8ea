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
    world.log("  networks: 1 regional network, 3 organisations, 4 members")


SMALL_STEPS = [networks_demo]
