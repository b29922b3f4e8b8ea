"""Co-owning a group needs the other organisation's agreement (issue 10): a request its
coordinator accepts or declines; before that, nothing of the group is theirs and none of their
people can be enrolled."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from .. import services
from ..models import CoOwnershipRequest


@pytest.fixture
def waiting(world):  # type: ignore[no-untyped-def]
    group = services.group_create(
        organisation=world.org_a,
        organisations=[world.org_b],
        name="Supervision partagée",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    return group, group.co_ownership_requests.get()


def test_it_shows_the_request_to_the_invited_coordinator_not_the_group(
    world, waiting, client_for
) -> None:
    group, request = waiting
    client = client_for(world.coordinator_b)
    page = client.get("/groups/co-ownership/").content.decode()
    assert f'id="accept-{request.pk}"' in page
    assert client.get(f"/groups/{group.pk}/").status_code == 404
    assert client_for(world.coordinator).get(f"/groups/{group.pk}/").status_code == 200


def test_it_lets_the_invited_coordinator_accept_in_the_page(world, waiting, client_for) -> None:
    group, request = waiting
    client = client_for(world.coordinator_b)
    assert client.post(f"/groups/co-ownership/{request.pk}/accept/").status_code == 302
    request.refresh_from_db()
    assert request.status == CoOwnershipRequest.Status.ACCEPTED
    assert world.org_b.pk in group.organisation_ids()
    assert client.get(f"/groups/{group.pk}/").status_code == 200


def test_it_keeps_the_organisation_out_when_its_coordinator_declines(
    world, waiting, api_for
) -> None:
    group, request = waiting
    response = api_for(world.coordinator_b).post(
        f"/api/v1/groups/co-ownership/{request.pk}/decline/"
    )
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert world.org_b.pk not in group.organisation_ids()
    with pytest.raises(ValidationError, match="not one of the group's organisations"):
        services.member_add(group=group, person=world.worker_b, by=world.facilitator)


def test_it_hides_a_request_from_a_coordinator_of_a_third_organisation(
    world, waiting, client_for
) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Organisation, Role
    from entrepairs.people.models import Person

    _group, request = waiting
    org_c = Organisation.objects.create(name="Tierce", slug="tierce")
    third = Person.objects.create(
        organisation=org_c,
        first_name="Tom",
        last_name="Tiers",
        user=User.objects.create_user("tom@tierce.test", world.password),
    )
    Membership.objects.create(person=third, organisation=org_c, role=Role.COORDINATOR)
    assert client_for(third).post(f"/groups/co-ownership/{request.pk}/accept/").status_code == 404
    assert (
        client_for(world.coordinator_b)
        .post(f"/groups/co-ownership/{request.pk}/accept/")
        .status_code
        == 302
    )


def test_the_creation_answer_names_the_organisations_still_to_accept(world, api_for) -> None:
    """An outside tester read a 201 without the other organisation as a silent drop: the answer
    says the organisation was asked and is waiting, and it joins once its coordinator accepts."""
    body = {
        "name": "Supervision à deux",
        "kind": "supervision",
        "organisation": world.org_a.pk,
        "organisations": [world.org_b.pk],
        "facilitators": [world.facilitator.pk],
    }
    created = api_for(world.coordinator).post("/api/v1/groups/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["awaiting_organisations"] == [str(world.org_b.pk)]
    assert str(world.org_b.pk) not in created.json()["organisations"]
    request = CoOwnershipRequest.objects.get(group_id=created.json()["id"])
    assert request.status == CoOwnershipRequest.Status.PENDING
    listed = api_for(world.coordinator).get(f"/api/v1/groups/{created.json()['id']}/")
    assert "awaiting_organisations" not in listed.json()


def test_it_asks_before_declining_in_the_page(world, waiting, client_for) -> None:
    """Issue 15 §9: declining is final, so the page asks first."""
    group, request = waiting
    client = client_for(world.coordinator_b)
    address = f"/groups/co-ownership/{request.pk}/decline/"
    asked = client.post(address)
    assert 'id="confirm-action"' in asked.content.decode()
    request.refresh_from_db()
    assert request.status == CoOwnershipRequest.Status.PENDING
    assert client.post(address, {"confirmed": "1"}).status_code == 302
    request.refresh_from_db()
    assert request.status == CoOwnershipRequest.Status.DECLINED
