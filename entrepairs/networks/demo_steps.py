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
    organiser = people["coordinator"]
    services.news_publish(
        network=network,
        title="Dîner des tuteurs à Lille",
        body=(
            "Le réseau organise un dîner entre tuteurs des trois structures : l'occasion de "
            "se rencontrer et d'échanger ses coordonnées."
        ),
        by=organiser,
    )
    services.news_publish(
        network=network,
        title="Un groupe de pairs inter-structures",
        body=(
            "Un groupe de pairs accueilli par le réseau réunit des tuteurs et des référents de "
            "plusieurs organisations : demandez à le rejoindre depuis la page du réseau."
        ),
        by=organiser,
    )
    hosted = _hosted_group_demo(world, network)
    _directory_demo(network, people)
    world.log(
        "  networks: 1 regional network, 3 organisations, 5 members, 2 news, "
        f"1 hosted group of {hosted.group.members.count()}, their directory"
    )


def _hosted_group_demo(world: Any, network: Any) -> Any:
    """A peer-support group hosted by the network: run by the agency, whose coordinator the
    network made an organiser, co-owned by the ATN (its coordinator agreed), a case worker of
    the agency leading tutors of the ATN, nobody with their line manager (the groups module's
    services refuse it otherwise)."""
    from entrepairs.groups import services as group_services

    from . import services

    people = world.people
    agency_coordinator = people["agency_coordinator"]
    invitation = services.member_invite(
        network=network, person=agency_coordinator, by=people["coordinator"]
    )
    services.member_answer(member=invitation, accept=True, by=agency_coordinator)
    services.organiser_add(network=network, person=agency_coordinator, by=people["coordinator"])
    hosted = services.hosted_group_create(
        network=network,
        organisation=world.organisations["ase-nord"],
        organisations=[world.organisations["atn"]],
        name="Pairs du réseau — tuteurs et référents",
        kind="peer_support",
        facilitators=[people["case_worker"]],
        description="Partager entre pairs de structures différentes les questions difficiles.",
        by=agency_coordinator,
    )
    group_services.co_ownership_accept(
        request=hosted.group.co_ownership_requests.get(), by=people["coordinator"]
    )
    for key in ("professional", "facilitator"):
        services.hosted_group_member_add(hosted=hosted, person=people[key], by=agency_coordinator)
    return hosted


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
