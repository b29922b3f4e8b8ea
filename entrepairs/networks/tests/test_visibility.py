"""Organisations outside a network see nothing of it: its page, its API answers, its
organisations and members are a 404 (like a missing id) or absent from their lists."""

from entrepairs.networks import services
from entrepairs.networks.models import NetworkMember, NetworkOrganisation


def _member_pro(world, network):  # type: ignore[no-untyped-def]
    row = services.member_request(network=network, by=world.professional)
    return services.member_answer(member=row, accept=True, by=world.coordinator)


def test_it_shows_the_network_page_to_people_of_member_organisations(world, network, client_for):
    response = client_for(world.colleague).get(f"/networks/{network.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Association Tutelle Nord" in body
    assert "Claire Coordinatrice" in body


def test_it_hides_the_network_from_another_organisation_on_the_pages(world, network, client_for):
    services.organisation_invite(network=network, organisation=world.org_b, by=world.coordinator)
    member = _member_pro(world, network)
    link = NetworkOrganisation.objects.get(organisation=world.org_a)
    for who in (world.coordinator_b, world.worker_b):
        c = client_for(who)
        assert c.get(f"/networks/{network.pk}/").status_code == 404
        assert c.post(f"/networks/{network.pk}/", {"action": "join"}).status_code == 404
        assert c.post(f"/networks/organisations/{link.pk}/leave/").status_code == 404
        assert c.post(f"/networks/members/{member.pk}/leave/").status_code == 404
        assert c.post(f"/networks/{network.pk}/request/").status_code == 404
    # The invited organisation's worker does not even see the invitation.
    assert (
        "Réseau des tuteurs du Nord"
        not in client_for(world.worker_b).get("/networks/").content.decode()
    )
    member.refresh_from_db()
    assert member.status == "accepted"


def test_it_hides_the_network_from_another_organisation_in_the_api(world, network, api_for):
    member = _member_pro(world, network)
    link = NetworkOrganisation.objects.get(organisation=world.org_a)
    api = api_for(world.worker_b)
    assert api.get(f"/api/v1/networks/{network.pk}/").status_code == 404
    assert api.get("/api/v1/networks/").json()["count"] == 0
    assert api.get("/api/v1/networks/organisations/").json()["count"] == 0
    assert api.get("/api/v1/networks/members/").json()["count"] == 0
    assert api.get(f"/api/v1/networks/organisations/{link.pk}/").status_code == 404
    assert api.get(f"/api/v1/networks/members/{member.pk}/").status_code == 404
    assert api.post(f"/api/v1/networks/{network.pk}/join/").status_code == 404
    assert api.post(f"/api/v1/networks/members/{member.pk}/leave/").status_code == 404
    assert (
        api_for(world.coordinator_b)
        .post(f"/api/v1/networks/organisations/{link.pk}/leave/")
        .status_code
        == 404
    )
    assert not NetworkMember.objects.filter(person=world.worker_b).exists()


def test_it_shows_the_network_in_the_api_to_its_members(world, network, api_for):
    _member_pro(world, network)
    body = api_for(world.professional).get(f"/api/v1/networks/{network.pk}/").json()
    assert body["name"] == "Réseau des tuteurs du Nord"
    assert body["organisations"] == [str(world.org_a.pk)]
    assert body["members_count"] == 2


def test_it_shows_a_closed_network_to_no_outside_coordinator_and_an_open_one_by_name(
    world, network, client_for
):
    c = client_for(world.coordinator_b)
    assert "Réseau des tuteurs du Nord" not in c.get("/networks/").content.decode()
    network.open_to_requests = True
    network.save()
    assert "Réseau des tuteurs du Nord" in c.get("/networks/").content.decode()
    assert c.get(f"/networks/{network.pk}/").status_code == 404  # the page stays members' only
    response = c.post(f"/networks/{network.pk}/request/", {"organisation": world.org_b.pk})
    assert response.status_code == 302
    assert NetworkOrganisation.objects.get(organisation=world.org_b).status == "pending"


def test_it_shows_the_network_to_the_invited_organisation_once_it_accepted(
    world, network, client_for
):
    link = services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )
    services.link_answer(link=link, accept=True, by=world.coordinator_b)
    assert client_for(world.worker_b).get(f"/networks/{network.pk}/").status_code == 200


def test_a_token_scoped_to_another_organisation_does_not_show_the_networks_one_organises(
    world, network, api_for
):
    from entrepairs.organisations.models import Membership, Role

    # The organiser of A's network also works for B: a token scoped to B sees nothing of it.
    Membership.objects.create(
        person=world.coordinator, organisation=world.org_b, role=Role.FACILITATOR
    )
    assert api_for(world.coordinator, world.org_b).get("/api/v1/networks/").json()["count"] == 0
    assert api_for(world.coordinator, world.org_a).get("/api/v1/networks/").json()["count"] == 1
