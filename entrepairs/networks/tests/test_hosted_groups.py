"""Groups hosted by a network: an organiser starts one, its members come from the network's
members only, and the groups module's rules apply through its own services (the hierarchy rule
included: nobody sits with their line manager, direct or indirect). The network's members see
a hosted group's name, kind and schedule and may ask to join, never its content."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from entrepairs.core.models import Notification
from entrepairs.groups.models import GroupMember
from entrepairs.networks import services
from entrepairs.networks.models import HostedGroup

pytestmark = pytest.mark.django_db


def _join(world, network, *people):  # type: ignore[no-untyped-def]
    for person in people:
        row = services.member_request(network=network, by=person)
        services.member_answer(member=row, accept=True, by=world.coordinator)


@pytest.fixture
def hosted(world, network):  # type: ignore[no-untyped-def]
    _join(world, network, world.facilitator, world.manager, world.professional, world.colleague)
    return services.hosted_group_create(
        network=network,
        organisation=world.org_a,
        name="Pairs du Nord",
        kind="peer_support",
        facilitators=[world.facilitator],
        by=world.coordinator,
    )


def test_an_organiser_starts_a_hosted_group_through_the_groups_module(world, network, hosted):
    group = hosted.group
    assert (group.name, group.kind, group.organisation) == (
        "Pairs du Nord",
        "peer_support",
        world.org_a,
    )
    assert group.facilitator_ids() == {world.facilitator.pk}
    assert hasattr(group, "charter")  # group_create made it
    with pytest.raises(ValidationError, match="organisers"):
        services.hosted_group_create(
            network=network,
            organisation=world.org_a,
            name="x",
            kind="peer_support",
            facilitators=[world.facilitator],
            by=world.professional,
        )


def test_it_refuses_an_organisation_outside_the_network_and_a_facilitator_not_a_member(
    world, network
):
    with pytest.raises(ValidationError, match="not a member organisation of the network"):
        services.hosted_group_create(
            network=network,
            organisation=world.org_b,
            name="x",
            kind="peer_support",
            facilitators=[],
            by=world.coordinator,
        )
    with pytest.raises(ValidationError, match="not a member of the network"):
        services.hosted_group_create(
            network=network,
            organisation=world.org_a,
            name="x",
            kind="peer_support",
            facilitators=[world.facilitator],
            by=world.coordinator,
        )
    assert not HostedGroup.objects.exists()


def test_it_refuses_a_member_from_a_non_member_organisation(world, network, hosted):
    with pytest.raises(ValidationError, match="not a member of the network"):
        services.hosted_group_member_add(hosted=hosted, person=world.worker_b, by=world.coordinator)
    assert not GroupMember.objects.exists()


def test_it_refuses_the_line_manager_through_the_network_path_in_french(world, network, hosted):
    services.hosted_group_member_add(hosted=hosted, person=world.manager, by=world.coordinator)
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.hosted_group_member_add(
            hosted=hosted, person=world.professional, by=world.coordinator
        )
    message = refused.value.message_dict["person"][0]
    assert message.startswith(
        "Marc Manager a Paula Pro sous sa responsabilité hiérarchique (N+1)."
    ), message
    assert list(hosted.group.members.values_list("person", flat=True)) == [world.manager.pk]


def test_only_organisers_and_facilitators_add_members(world, network, hosted):
    with pytest.raises(ValidationError, match="organisers or the group's facilitators"):
        services.hosted_group_member_add(hosted=hosted, person=world.colleague, by=world.manager)
    member = services.hosted_group_member_add(
        hosted=hosted, person=world.colleague, by=world.facilitator
    )
    assert member.status == GroupMember.Status.ACTIVE


def test_the_page_refuses_the_line_manager_with_the_french_message(
    world, network, hosted, client_for, settings
):
    services.hosted_group_member_add(hosted=hosted, person=world.manager, by=world.coordinator)
    c = client_for(world.coordinator)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = c.post(
        f"/networks/{network.pk}/",
        {
            "action": "add_group_member",
            "hm-hosted": str(hosted.pk),
            "hm-person": world.professional.pk,
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Marc Manager a Paula Pro sous sa responsabilité hiérarchique (N+1)." in body
    assert not hosted.group.members.filter(person=world.professional).exists()
    response = c.post(
        f"/networks/{network.pk}/",
        {"action": "add_group_member", "hm-hosted": str(hosted.pk), "hm-person": world.worker_b.pk},
        follow=True,
    )
    assert not hosted.group.members.filter(person=world.worker_b).exists()
    refused = client_for(world.manager).post(
        f"/networks/{network.pk}/",
        {
            "action": "add_group_member",
            "hm-hosted": str(hosted.pk),
            "hm-person": world.colleague.pk,
        },
    )
    assert refused.status_code == 403


def test_the_api_refuses_the_line_manager_and_an_outsider(world, network, hosted, api_for):
    services.hosted_group_member_add(hosted=hosted, person=world.manager, by=world.coordinator)
    api = api_for(world.coordinator)
    url = f"/api/v1/networks/groups/{hosted.pk}/add-member/"
    refused = api.post(url, {"person": str(world.professional.pk)}, HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 400
    assert "Marc Manager a Paula Pro sous sa responsabilité hiérarchique (N+1)." in str(
        refused.json()
    )
    # Someone of an organisation outside the network is an unknown id.
    assert api.post(url, {"person": str(world.worker_b.pk)}).status_code == 400
    # A member of the network who neither organises nor leads the group sees it, may not act.
    assert api_for(world.manager).post(url, {"person": str(world.colleague.pk)}).status_code == 403
    added = api_for(world.facilitator).post(url, {"person": str(world.coordinator.pk)})
    assert added.status_code == 201, added.json()
    assert hosted.group.members.filter(person=world.coordinator).exists()


def test_the_api_creates_a_hosted_group_for_organisers_only(world, network, api_for):
    _join(world, network, world.facilitator)
    payload = {
        "network": str(network.pk),
        "organisation": str(world.org_a.pk),
        "name": "Pairs de la métropole",
        "kind": "peer_support",
        "facilitators": [str(world.facilitator.pk)],
    }
    assert api_for(world.facilitator).post("/api/v1/networks/groups/", payload).status_code == 403
    created = api_for(world.coordinator).post("/api/v1/networks/groups/", payload)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["name"], body["kind"], body["schedule"]) == (
        "Pairs de la métropole",
        "peer_support",
        [],
    )
    outsider = api_for(world.coordinator_b)
    assert outsider.get("/api/v1/networks/groups/").json()["count"] == 0
    assert outsider.get(f"/api/v1/networks/groups/{body['id']}/").status_code == 404
    assert outsider.post("/api/v1/networks/groups/", payload).status_code == 400


def test_members_see_the_frame_and_ask_to_join_never_the_content(
    world, network, hosted, client_for, api_for
):
    body = client_for(world.colleague).get(f"/networks/{network.pk}/").content.decode()
    assert "Pairs du Nord" in body
    assert "Ask to join Pairs du Nord" in body
    assert f"/groups/{hosted.group.pk}/" not in body  # the group's page is not theirs to open
    assert client_for(world.colleague).get(f"/groups/{hosted.group.pk}/").status_code == 404
    api = api_for(world.colleague)
    assert api.get(f"/api/v1/networks/groups/{hosted.pk}/").json()["name"] == "Pairs du Nord"
    assert api.post(f"/api/v1/networks/groups/{hosted.pk}/ask-to-join/").status_code == 202
    told = Notification.objects.get(recipient=world.facilitator.user, kind="networks.group_join")
    assert "Colin Collegue" in told.title and "Pairs du Nord" in told.title
    assert told.link == f"/networks/{network.pk}/"
    # Outsiders: 404 on the page, the API and the action.
    c = client_for(world.worker_b)
    assert (
        c.post(
            f"/networks/{network.pk}/", {"action": "ask_group", "hosted": str(hosted.pk)}
        ).status_code
        == 404
    )
    assert (
        api_for(world.worker_b)
        .post(f"/api/v1/networks/groups/{hosted.pk}/ask-to-join/")
        .status_code
        == 404
    )
