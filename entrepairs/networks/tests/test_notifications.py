"""Invitations, requests and answers tell the people who act next, in the app (titles name who
and what, links lead to the record) with an e-mail copy that names nobody."""

import pytest

from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded
from entrepairs.networks import services

pytestmark = pytest.mark.django_db


def _of(person, kind):  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(recipient=person.user, kind=kind))


def test_an_invited_organisation_s_coordinators_are_told_then_the_organisers(world, network):
    link = services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )
    [told] = _of(world.coordinator_b, "networks.invitation")
    assert told.title == "Agence Enfance Sud is invited to the network Réseau des tuteurs du Nord"
    assert worded(told) == {  # in the reader's language, whatever the sender's
        "fr": "Agence Enfance Sud est invitée dans le réseau Réseau des tuteurs du Nord",
        "en": "Agence Enfance Sud is invited to the network Réseau des tuteurs du Nord",
    }
    assert told.link == "/networks/"
    assert told.organisation_id == world.org_b.pk
    assert "Agence" not in told.subject and "Réseau" not in told.subject  # the e-mail's subject
    assert not _of(world.worker_b, "networks.invitation")
    services.link_answer(link=link, accept=True, by=world.coordinator_b)
    [answer] = _of(world.coordinator, "networks.answer")
    assert (
        answer.title == "Agence Enfance Sud accepted to join the network Réseau des tuteurs du Nord"
    )
    assert answer.link == f"/networks/{network.pk}/"


def test_an_invited_person_is_told_and_the_organisers_learn_the_answer(world, network):
    row = services.member_invite(network=network, person=world.colleague, by=world.coordinator)
    [told] = _of(world.colleague, "networks.invitation")
    assert told.title == "You are invited to the network Réseau des tuteurs du Nord"
    assert told.link == f"/networks/{network.pk}/"
    services.member_answer(member=row, accept=False, by=world.colleague)
    [answer] = _of(world.coordinator, "networks.answer")
    assert answer.title == "Colin Collegue declined to join the network Réseau des tuteurs du Nord"


def test_requests_tell_the_organisers_and_answers_tell_who_asked(world, network):
    network.open_to_requests = True
    network.save()
    link = services.organisation_request(
        network=network, organisation=world.org_b, by=world.coordinator_b
    )
    row = services.member_request(network=network, by=world.professional)
    titles = {n.title for n in _of(world.coordinator, "networks.request")}
    assert titles == {
        "Agence Enfance Sud asks to join the network Réseau des tuteurs du Nord",
        "Paula Pro asks to join the network Réseau des tuteurs du Nord",
    }
    services.link_answer(link=link, accept=True, by=world.coordinator)
    services.member_answer(member=row, accept=True, by=world.coordinator)
    [org_answer] = _of(world.coordinator_b, "networks.answer")
    assert org_answer.title == "The network Réseau des tuteurs du Nord accepted Agence Enfance Sud"
    [person_answer] = _of(world.professional, "networks.answer")
    assert person_answer.title == (
        "Your request to join the network Réseau des tuteurs du Nord is accepted"
    )


def test_the_invitation_through_the_page_and_the_api_notifies_too(
    world, network, client_for, api_for
):
    client_for(world.coordinator).post(
        f"/networks/{network.pk}/",
        {"action": "invite_organisation", "o-organisation": world.org_b.pk},
    )
    assert len(_of(world.coordinator_b, "networks.invitation")) == 1
    api_for(world.coordinator).post(
        f"/api/v1/networks/{network.pk}/invite-member/", {"person": str(world.colleague.pk)}
    )
    assert len(_of(world.colleague, "networks.invitation")) == 1
