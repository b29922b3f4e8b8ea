"""People of member organisations join by invitation (they accept) or by request (an organiser
accepts), and leave when they choose; an organisation that leaves takes its people out."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.networks import services
from entrepairs.networks.models import Direction, NetworkMember, Status


def test_it_accepts_a_request_by_an_organiser_only(world, network):
    row = services.member_request(network=network, by=world.professional)
    assert (row.status, row.direction) == (Status.PENDING, Direction.REQUEST)
    with pytest.raises(ValidationError, match="organisers"):
        services.member_answer(member=row, accept=True, by=world.professional)
    services.member_answer(member=row, accept=True, by=world.coordinator)
    row.refresh_from_db()
    assert row.status == Status.ACCEPTED


def test_it_lets_only_the_invited_person_answer_an_invitation(world, network):
    row = services.member_invite(network=network, person=world.colleague, by=world.coordinator)
    with pytest.raises(ValidationError, match="Only the invited person"):
        services.member_answer(member=row, accept=True, by=world.coordinator)
    services.member_answer(member=row, accept=False, by=world.colleague)
    row.refresh_from_db()
    assert row.status == Status.DECLINED


def test_it_refuses_a_person_of_an_organisation_outside_the_network(world, network):
    with pytest.raises(ValidationError) as error:
        services.member_request(network=network, by=world.worker_b)
    assert error.value.message_dict == {
        "person": ["Only people of the network's member organisations may join it."]
    }
    with pytest.raises(ValidationError, match="member organisations"):
        services.member_invite(network=network, person=world.worker_b, by=world.coordinator)
    assert not NetworkMember.objects.filter(person=world.worker_b).exists()


def test_it_lets_a_member_leave_and_ask_again(world, network):
    row = services.member_request(network=network, by=world.professional)
    services.member_answer(member=row, accept=True, by=world.coordinator)
    with pytest.raises(ValidationError, match="Only the member"):
        services.member_leave(member=row, by=world.coordinator)
    services.member_leave(member=row, by=world.professional)
    row.refresh_from_db()
    assert row.status == Status.LEFT
    again = services.member_request(network=network, by=world.professional)
    assert (again.pk, again.status) == (row.pk, Status.PENDING)


def test_an_organiser_who_leaves_stops_organising(world, network):
    services.member_leave(member=network.members.get(), by=world.coordinator)
    assert not network.organisers.exists()


def test_an_organisation_that_leaves_takes_its_people_out(world, network):
    link = services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )
    services.link_answer(link=link, accept=True, by=world.coordinator_b)
    row = services.member_request(network=network, by=world.worker_b)
    services.member_answer(member=row, accept=True, by=world.coordinator)
    with pytest.raises(ValidationError, match="do not coordinate"):
        services.link_leave(link=link, by=world.coordinator)
    services.link_leave(link=link, by=world.coordinator_b)
    row.refresh_from_db()
    link.refresh_from_db()
    assert (link.status, row.status) == (Status.LEFT, Status.LEFT)
    # Organisation A stays, and its people with it.
    assert network.members.filter(person=world.coordinator, status=Status.ACCEPTED).exists()


def test_the_page_lets_a_person_ask_to_join_and_the_organiser_accept(world, network, client_for):
    c = client_for(world.professional)
    assert c.post(f"/networks/{network.pk}/", {"action": "join"}).status_code == 302
    row = network.members.get(person=world.professional)
    assert row.status == Status.PENDING
    c = client_for(world.coordinator)
    assert "Paula Pro" in c.get(f"/networks/{network.pk}/").content.decode()
    c.post(f"/networks/members/{row.pk}/accept/")
    row.refresh_from_db()
    assert row.status == Status.ACCEPTED
    client_for(world.professional).post(f"/networks/members/{row.pk}/leave/")
    row.refresh_from_db()
    assert row.status == Status.LEFT


def test_the_api_lets_a_person_ask_to_join_and_refuses_them_accepting_themselves(
    world, network, api_for
):
    response = api_for(world.professional).post(f"/api/v1/networks/{network.pk}/join/")
    assert response.status_code == 201, response.json()
    row_id = response.json()["id"]
    refused = api_for(world.professional).post(f"/api/v1/networks/members/{row_id}/accept/")
    assert refused.status_code == 400
    accepted = api_for(world.coordinator).post(f"/api/v1/networks/members/{row_id}/accept/")
    assert accepted.json()["status"] == "accepted"
    left = api_for(world.professional).post(f"/api/v1/networks/members/{row_id}/leave/")
    assert left.json()["status"] == "left"


def test_the_api_invites_a_person_of_a_member_organisation(world, network, api_for):
    api = api_for(world.coordinator)
    response = api.post(
        f"/api/v1/networks/{network.pk}/invite-member/",
        {"person": str(world.colleague.pk)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    # A person of an outside organisation is unknown to the organiser, like a missing id.
    response = api.post(
        f"/api/v1/networks/{network.pk}/invite-member/",
        {"person": str(world.worker_b.pk)},
        format="json",
    )
    assert response.status_code == 400


def test_the_page_asks_before_leaving_and_leaves_on_the_confirmation(world, network, client_for):
    row = services.member_request(network=network, by=world.professional)
    services.member_answer(member=row, accept=True, by=world.coordinator)
    c = client_for(world.professional)
    address = f"/networks/members/{row.pk}/leave/"
    assert f'action="{address}"' in c.get(f"/networks/{network.pk}/").content.decode()
    question = c.get(address)
    assert question.status_code == 200
    assert "Leave the network Réseau des tuteurs du Nord?" in question.content.decode()
    row.refresh_from_db()
    assert row.status == Status.ACCEPTED
    assert c.get(f"/networks/members/{row.pk}/accept/").status_code == 404
    c.post(address)
    row.refresh_from_db()
    assert row.status == Status.LEFT


def test_the_pages_are_in_french(world, network, client_for, settings):
    from django.conf import settings as django_settings

    settings.LANGUAGE_CODE = "fr"
    c = client_for(world.coordinator)
    c.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    body = c.get(f"/networks/{network.pk}/").content.decode()
    assert "Organisations membres" in body and "Régional" in body and "Animateur·rice·s" in body
    body = c.get("/networks/").content.decode()
    assert "Mes réseaux" in body and "Fonder un réseau" in body
    response = c.post("/networks/", {"n-organisation": world.org_a.pk, "n-level": "regional"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Ce champ est obligatoire."]


def test_an_organiser_names_another_among_the_members_only(world, network, client_for, api_for):
    response = client_for(world.coordinator).post(
        f"/networks/{network.pk}/", {"action": "add_organiser", "g-person": world.professional.pk}
    )
    assert response.status_code == 200
    assert response.context["organiser_form"].errors == {
        "person": ["An organiser is first a member of the network."]
    }
    row = services.member_request(network=network, by=world.professional)
    services.member_answer(member=row, accept=True, by=world.coordinator)
    refused = api_for(world.colleague).post(
        f"/api/v1/networks/{network.pk}/add-organiser/",
        {"person": str(world.professional.pk)},
        format="json",
    )
    assert refused.status_code == 400
    response = api_for(world.coordinator).post(
        f"/api/v1/networks/{network.pk}/add-organiser/",
        {"person": str(world.professional.pk)},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert str(world.professional.pk) in response.json()["organisers"]
