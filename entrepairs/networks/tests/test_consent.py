"""No organisation is enrolled in a network without its own coordinator's consent (issue 16
point 1): the network invites, only the invited organisation's coordinator accepts; or the
coordinator asks, an organiser accepts. Through the service, the page and the API."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.networks import services
from entrepairs.networks.models import Direction, NetworkOrganisation, Status
from entrepairs.networks.selectors import member_organisation_ids


def _invite(world, network):  # type: ignore[no-untyped-def]
    return services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )


def test_it_makes_the_founding_organisation_a_member_and_the_founder_its_organiser(world, network):
    assert member_organisation_ids(network) == {world.org_a.pk}
    assert list(network.organisers.all()) == [world.coordinator]
    assert network.members.get().person == world.coordinator


def test_it_leaves_an_invited_organisation_outside_until_its_coordinator_accepts(world, network):
    link = _invite(world, network)
    assert (link.status, link.direction) == (Status.PENDING, Direction.INVITATION)
    assert world.org_b.pk not in member_organisation_ids(network)
    services.link_answer(link=link, accept=True, by=world.coordinator_b)
    link.refresh_from_db()
    assert link.status == Status.ACCEPTED
    assert link.decided_by == world.coordinator_b
    assert world.org_b.pk in member_organisation_ids(network)


@pytest.mark.parametrize("who", ["coordinator", "worker_b", "facilitator"])
def test_it_refuses_an_acceptance_by_anyone_but_the_invited_organisation_s_coordinator(
    world, network, who
):
    link = _invite(world, network)
    with pytest.raises(ValidationError) as error:
        services.link_answer(link=link, accept=True, by=getattr(world, who))
    assert error.value.message_dict == {
        "organisation": [
            "Only a coordinator of the invited organisation may answer its invitation."
        ]
    }
    link.refresh_from_db()
    assert link.status == Status.PENDING
    assert world.org_b.pk not in member_organisation_ids(network)


def test_it_records_a_declined_invitation_and_lets_the_network_invite_again(world, network):
    link = services.link_answer(link=_invite(world, network), accept=False, by=world.coordinator_b)
    assert link.status == Status.DECLINED
    again = _invite(world, network)
    assert (again.pk, again.status) == (link.pk, Status.PENDING)


def test_it_refuses_a_second_invitation_while_one_waits_and_one_to_a_member(world, network):
    _invite(world, network)
    with pytest.raises(ValidationError, match="already waiting"):
        _invite(world, network)
    with pytest.raises(ValidationError, match="already a member"):
        services.organisation_invite(
            network=network, organisation=world.org_a, by=world.coordinator
        )


def test_it_lets_only_organisers_invite(world, network):
    with pytest.raises(ValidationError, match="organisers"):
        services.organisation_invite(
            network=network, organisation=world.org_b, by=world.professional
        )
    assert not NetworkOrganisation.objects.filter(organisation=world.org_b).exists()


def test_it_takes_requests_only_for_an_open_network_and_an_organiser_accepts(world, network):
    with pytest.raises(ValidationError, match="does not take requests"):
        services.organisation_request(
            network=network, organisation=world.org_b, by=world.coordinator_b
        )
    network.open_to_requests = True
    network.save()
    with pytest.raises(ValidationError, match="do not coordinate"):
        services.organisation_request(network=network, organisation=world.org_b, by=world.worker_b)
    link = services.organisation_request(
        network=network, organisation=world.org_b, by=world.coordinator_b
    )
    with pytest.raises(ValidationError, match="organisers"):
        services.link_answer(link=link, accept=True, by=world.coordinator_b)
    services.link_answer(link=link, accept=True, by=world.coordinator)
    assert world.org_b.pk in member_organisation_ids(network)


def test_it_refuses_to_answer_twice(world, network):
    link = services.link_answer(link=_invite(world, network), accept=True, by=world.coordinator_b)
    with pytest.raises(ValidationError, match="already answered"):
        services.link_answer(link=link, accept=False, by=world.coordinator_b)


# --- the page -------------------------------------------------------------------------------


def test_the_page_shows_the_invitation_to_the_coordinator_who_accepts_it(
    world, network, client_for
):
    link = _invite(world, network)
    c = client_for(world.coordinator_b)
    assert "Réseau des tuteurs du Nord" in c.get("/networks/").content.decode()
    response = c.post(f"/networks/organisations/{link.pk}/accept/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == Status.ACCEPTED


def test_the_page_refuses_the_organiser_accepting_for_the_invited_organisation(
    world, network, client_for
):
    link = _invite(world, network)
    c = client_for(world.coordinator)
    response = c.post(f"/networks/organisations/{link.pk}/accept/", follow=True)
    assert "Only a coordinator of the invited organisation" in response.content.decode()
    link.refresh_from_db()
    assert link.status == Status.PENDING


def test_the_page_shows_a_refused_invitation_next_to_the_field(world, network, client_for):
    response = client_for(world.coordinator).post(
        f"/networks/{network.pk}/",
        {"action": "invite_organisation", "o-organisation": world.org_a.pk},
    )
    assert response.status_code == 200
    assert response.context["org_form"].errors == {
        "organisation": ["This organisation is already a member."]
    }


def test_the_page_invites_an_organisation(world, network, client_for):
    response = client_for(world.coordinator).post(
        f"/networks/{network.pk}/",
        {"action": "invite_organisation", "o-organisation": world.org_b.pk},
    )
    assert response.status_code == 302
    link = NetworkOrganisation.objects.get(organisation=world.org_b)
    assert link.status == Status.PENDING


# --- the API --------------------------------------------------------------------------------


def test_the_api_refuses_the_organiser_accepting_for_the_invited_organisation(
    world, network, api_for
):
    link = _invite(world, network)
    response = api_for(world.coordinator).post(f"/api/v1/networks/organisations/{link.pk}/accept/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "organisation": [
            "Only a coordinator of the invited organisation may answer its invitation."
        ]
    }
    link.refresh_from_db()
    assert link.status == Status.PENDING


def test_the_api_lets_the_invited_coordinator_accept(world, network, api_for):
    response = api_for(world.coordinator).post(
        f"/api/v1/networks/{network.pk}/invite-organisation/",
        {"organisation": str(world.org_b.pk)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    link_id = response.json()["id"]
    response = api_for(world.coordinator_b).post(
        f"/api/v1/networks/organisations/{link_id}/accept/"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "accepted"
    assert world.org_b.pk in member_organisation_ids(network)


def test_the_api_founds_a_network_only_for_a_coordinated_organisation(world, api_for):
    api = api_for(world.coordinator)
    body = {"name": "Réseau national", "level": "national", "organisation": str(world.org_b.pk)}
    response = api.post("/api/v1/networks/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["organisation"]
    body["organisation"] = str(world.org_a.pk)
    response = api.post("/api/v1/networks/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["organisations"] == [str(world.org_a.pk)]
    assert response.json()["members_count"] == 1
