"""Issue 16 point 1 in the browser: the coordinator of an invited organisation finds the
network's invitation in her notifications, accepts it, and, now a member, opens the network
page with its news and the group it hosts."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e


def test_an_invited_coordinator_accepts_from_a_notification_and_sees_the_network(
    page: Page, world
) -> None:
    from entrepairs.networks import services
    from entrepairs.networks.models import Level, NetworkOrganisation, Status

    network = services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        by=world.coordinator,
    )
    for person in (world.facilitator, world.professional):
        row = services.member_request(network=network, by=person)
        services.member_answer(member=row, accept=True, by=world.coordinator)
    services.news_publish(
        network=network,
        title="Dîner des tuteurs à Lille",
        body="Rencontrons-nous le 12.",
        by=world.coordinator,
    )
    hosted = services.hosted_group_create(
        network=network,
        organisation=world.org_a,
        name="Pairs du réseau",
        kind="peer_support",
        facilitators=[world.facilitator],
        by=world.coordinator,
    )
    services.hosted_group_member_add(hosted=hosted, person=world.professional, by=world.coordinator)
    services.organisation_invite(network=network, organisation=world.org_b, by=world.coordinator)

    sign_in(page, world.coordinator_b.email, world.password)
    page_check(page)
    page.goto("/notifications/")
    page_check(page)
    page.get_by_role(
        "link", name="Agence Enfance Sud est invitée dans le réseau Réseau des tuteurs du Nord"
    ).click()
    expect(page).to_have_url(re.compile(r"/networks/$"))
    page_check(page)
    page.locator("#invitations").get_by_role("button", name="Accepter").click()
    page_check(page)
    link = NetworkOrganisation.objects.get(network=network, organisation=world.org_b)
    assert link.status == Status.ACCEPTED and link.decided_by == world.coordinator_b

    page.locator("#networks").get_by_role("link", name="Réseau des tuteurs du Nord").click()
    page_check(page)
    expect(page.get_by_role("heading", name="Actualités")).to_be_visible()
    expect(page.locator("#news")).to_contain_text("Dîner des tuteurs à Lille")
    expect(page.get_by_role("heading", name="Groupes accueillis par le réseau")).to_be_visible()
    expect(page.locator("#hosted-groups")).to_contain_text("Pairs du réseau")
    expect(page.locator("#hosted-groups")).to_contain_text("Groupe de soutien entre pairs")
    expect(page.locator("#organisations")).to_contain_text("Agence Enfance Sud")
