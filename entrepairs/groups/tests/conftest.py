"""Fixtures of the groups module on top of the shared world.

`gw` adds four more professionals of org A (so the professional, the colleague and four others make
six members), an outsider professional in another group, a site, and a supervision group led by the
facilitator with one past founding session and one future session.
"""

from types import SimpleNamespace

import pytest


@pytest.fixture
def gw(world):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Role, Site
    from entrepairs.people.models import Person

    from .. import services
    from .builders import past_and_future_sessions

    def pro(first, last, **fields):  # type: ignore[no-untyped-def]
        email = f"{first}.{last}@tutelle-nord.test".lower()
        user = User.objects.create_user(email, world.password)
        p = Person.objects.create(
            organisation=world.org_a,
            first_name=first,
            last_name=last,
            email=email,
            user=user,
            profession=fields.pop("profession", "social_worker"),
            **fields,
        )
        Membership.objects.create(person=p, organisation=world.org_a, role=Role.PROFESSIONAL)
        return p

    others = [
        pro("Alice", "Arnaud", line_manager=world.manager, years_experience=2),
        pro("Bob", "Bernard", years_experience=10, profession="nurse"),
        pro("Chloe", "Caron", years_experience=6, profession="educator"),
        pro("David", "Dumont", years_experience=15, profession="psychologist"),
    ]
    outsider = pro("Odile", "Outsider")
    site = Site.objects.create(organisation=world.org_a, name="Siège", address="1 rue du Port")
    group = services.group_create(
        organisation=world.org_a,
        organisations=[world.org_b],
        name="Supervision Lille",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    # Organisation B agreed to co-own the group (its coordinator accepted the request).
    services.co_ownership_accept(
        request=group.co_ownership_requests.get(organisation=world.org_b), by=world.coordinator_b
    )
    members = [
        services.member_add(group=group, person=p, by=world.facilitator)
        for p in [world.professional, world.colleague, *others]
    ]
    past, future = past_and_future_sessions(group, site)
    other_group = services.group_create(
        organisation=world.org_a,
        name="Pairs Lille",
        kind="peer_support",
        facilitators=[],
        created_by=outsider,
    )
    return SimpleNamespace(
        w=world,
        others=others,
        outsider=outsider,
        site=site,
        group=group,
        members=members,
        past=past,
        future=future,
        other_group=other_group,
    )


@pytest.fixture
def accepted(gw):  # type: ignore[no-untyped-def]
    """Every member accepted the charter; the professional brought a situation to the past session."""
    from .. import services

    for member in gw.members:
        services.charter_accept(member=member)
    member = gw.members[0]
    member.refresh_from_db()
    situation = services.situation_save(
        session=gw.past,
        author=member,
        title="Un refus de visite",
        episode="Le jeune refuse la visite prévue au foyer.",
        question="Comment garder le lien sans forcer ?",
    )
    note = services.note_add(
        session=gw.past, author=gw.w.facilitator, text="Notes secrètes de séance", shared=True
    )
    gw.situation = situation
    gw.note = note
    return gw


@pytest.fixture(autouse=True)
def _english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read messages in the source language (fixture in the root conftest)."""
