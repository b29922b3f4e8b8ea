"""A network's directory and the groups it hosts (issue 16 points 1 and 2), added to the network
of world_events.py: the professional and the facilitator join it (invited by its organiser, the
coordinator, and accepting); the professional's entry shares one detail per audience — the
e-mail with nobody, the phone with the people of their groups (the facilitator leads the founded
group they are in), the region (a marker) with the network; the network hosts a group led by the
facilitator. professional_other is of a member organisation without joining the network."""

from __future__ import annotations

from .world import Side, marker

# One phone per side: digits only, so a search for it matches the phone and nothing else.
_PHONES = {"A": "0320112201", "X": "0320112202"}


def add_directory_and_hosted_group(side: Side) -> None:
    from entrepairs.networks import services as networks
    from entrepairs.networks.selectors import own_directory_member
    from entrepairs.people.services import person_save

    network, coordinator = side.objects["network"], side.people["coordinator"]
    professional, facilitator = side.people["professional"], side.people["facilitator"]
    for person in (professional, facilitator):
        invitation = networks.member_invite(network=network, person=person, by=coordinator)
        networks.member_answer(member=invitation, accept=True, by=person)
    professional.phone, professional.region = _PHONES[side.tag], marker(side.tag, "dirregion")
    person_save(person=professional, by=coordinator.user, announce=False)
    member = own_directory_member(professional.user, network)
    assert member is not None
    networks.directory_profile_update(
        member=member, by=professional, email="nobody", phone="group", region="network"
    )
    hosted = networks.hosted_group_create(
        network=network,
        organisation=side.org,
        name=marker(side.tag, "hostedgroup"),
        kind="peer_support",
        facilitators=[facilitator],
        by=coordinator,
    )
    side.objects.update(
        hostedgroup=hosted,
        dir_email=professional.email,
        dir_phone=_PHONES[side.tag],
        dir_name=professional.last_name,
        dir_region=professional.region,
    )
