"""A notification that asks its reader to act links to a page where that action is (outside test
of issue 15: « Ouvrez Entrepairs pour la voir et y répondre » on an organisation's acceptance,
where there is nothing to answer). Each kind of the networks app, produced by its service, is
opened as its recipient and the page is searched for the control its text promises; a kind that
only informs asks for nothing, in French and in English."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from entrepairs.core.models import Notification
from entrepairs.networks import services
from entrepairs.networks.models import HostedGroup

pytestmark = pytest.mark.django_db

# Words of a text that asks for an answer or an action.
ASKS = {"fr": ("répondre", "acceptez", "refusez"), "en": ("answer", "accept", "decline")}


def _join(world: Any, network: Any, *people: Any) -> None:
    for person in people:
        row = services.member_request(network=network, by=person)
        services.member_answer(member=row, accept=True, by=world.coordinator)


def _org_invitation(world: Any, network: Any) -> tuple[Any, str]:
    link = services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )
    return world.coordinator_b, reverse("networks:link_action", args=[link.pk, "accept"])


def _member_invitation(world: Any, network: Any) -> tuple[Any, str]:
    row = services.member_invite(network=network, person=world.colleague, by=world.coordinator)
    return world.colleague, reverse("networks:member_action", args=[row.pk, "accept"])


def _org_request(world: Any, network: Any) -> tuple[Any, str]:
    network.open_to_requests = True
    network.save()
    link = services.organisation_request(
        network=network, organisation=world.org_b, by=world.coordinator_b
    )
    return world.coordinator, reverse("networks:link_action", args=[link.pk, "decline"])


def _member_request(world: Any, network: Any) -> tuple[Any, str]:
    row = services.member_request(network=network, by=world.professional)
    return world.coordinator, reverse("networks:member_action", args=[row.pk, "accept"])


def _group_join(world: Any, network: Any) -> tuple[Any, str]:
    _join(world, network, world.facilitator, world.colleague)
    hosted: HostedGroup = services.hosted_group_create(
        network=network,
        organisation=world.org_a,
        name="Pairs du Nord",
        kind="peer_support",
        facilitators=[world.facilitator],
        by=world.coordinator,
    )
    services.hosted_group_ask_to_join(hosted=hosted, by=world.colleague)
    return world.facilitator, 'id="hosted-member-form"'


# kind → how it is produced, returning its recipient and the control its linked page must show.
ACTS_AT_THE_LINK = [
    ("networks.invitation", _org_invitation),
    ("networks.invitation", _member_invitation),
    ("networks.request", _org_request),
    ("networks.request", _member_request),
    ("networks.group_join", _group_join),
]


@pytest.mark.parametrize(("kind", "produce"), ACTS_AT_THE_LINK)
def test_the_page_a_notification_asks_to_act_on_has_the_action(
    world: Any, network: Any, client_for: Any, kind: str, produce: Any
) -> None:
    reader, control = produce(world, network)
    told = Notification.objects.filter(recipient=reader.user, kind=kind).latest("created_at")
    page = client_for(reader).get(told.link)
    assert page.status_code == 200
    assert control in page.content.decode(), (kind, told.link)


def _answers(world: Any, network: Any) -> list[Notification]:
    """Every answer the networks app sends: accepted and declined, organisations and people."""
    network.open_to_requests = True
    network.save()
    link = services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )
    services.link_answer(link=link, accept=True, by=world.coordinator_b)
    row = services.member_invite(network=network, person=world.colleague, by=world.coordinator)
    services.member_answer(member=row, accept=False, by=world.colleague)
    asked = services.member_request(network=network, by=world.professional)
    services.member_answer(member=asked, accept=True, by=world.coordinator)
    return list(Notification.objects.filter(kind="networks.answer"))


def test_an_answer_received_asks_for_nothing(world: Any, network: Any, client_for: Any) -> None:
    answers = _answers(world, network)
    assert len(answers) == 3
    for told in answers:
        for language, words in ASKS.items():
            with translation.override(language):
                body = told.shown_body.lower()
            assert not any(word in body for word in words), (language, body)
        # Its link opens (the network, or the list of networks after a refusal).
        assert client_for(told.recipient).get(told.link).status_code == 200


def test_the_invitation_asks_for_an_answer_in_the_readers_language(
    world: Any, network: Any
) -> None:
    reader, _control = _org_invitation(world, network)
    told = Notification.objects.get(recipient=reader.user, kind="networks.invitation")
    with translation.override("fr"):
        assert "répondre" in told.shown_body
    with translation.override("en"):
        assert "answer" in told.shown_body
