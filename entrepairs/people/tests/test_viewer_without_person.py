"""A viewer without a person record (the platform administrator, an account whose person was
removed) is "nobody" in every "is it me / my staff?" rule, never "everyone without a manager"."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from entrepairs.accounts.models import User
from entrepairs.core.permissions import check, id_q, same_id
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def _org_b_ids(world):  # type: ignore[no-untyped-def]
    return {str(world.coordinator_b.pk), str(world.worker_b.pk)}


def test_it_matches_nobody_when_the_viewer_has_no_person(world):
    assert not Person.objects.filter(id_q("line_manager_id", None)).exists()
    assert Person.objects.filter(id_q("line_manager_id", world.manager.pk)).count() == 2
    assert same_id(None, None) is False
    assert same_id(world.manager.pk, world.manager.pk) is True


def test_it_shows_no_person_of_another_organisation_to_a_scoped_admin_token_in_the_list(
    world, api_for
):
    admin_token = api_for(SimpleNamespace(user=world.admin), world.org_a)
    listed = {p["id"] for p in admin_token.get("/api/v1/people/").json()["results"]}
    assert listed.isdisjoint(_org_b_ids(world))
    assert not Person.objects.visible_to(_scoped(world.admin, world.org_a)).exists()
    # Positive control: the coordinator of B lists B's people through the same endpoint.
    listed_b = {
        p["id"] for p in api_for(world.coordinator_b).get("/api/v1/people/").json()["results"]
    }
    assert _org_b_ids(world) <= listed_b


def test_it_hides_a_person_of_another_organisation_from_a_scoped_admin_token_in_the_detail(
    world, api_for
):
    admin_token = api_for(SimpleNamespace(user=world.admin), world.org_a)
    url = f"/api/v1/people/{world.worker_b.pk}/"
    assert admin_token.get(url).status_code == 404
    assert api_for(world.coordinator_b).get(url).status_code == 200


def test_it_does_not_make_a_scoped_admin_token_a_platform_admin(world, api_for):
    admin_token = api_for(SimpleNamespace(user=world.admin), world.org_a)
    organisations = {o["id"] for o in admin_token.get("/api/v1/organisations/").json()["results"]}
    assert str(world.org_b.pk) not in organisations
    assert admin_token.get(f"/api/v1/organisations/{world.org_b.pk}/").status_code == 404
    assert not check(_scoped(world.admin, world.org_a), "people.view_person", world.worker_b)


def test_it_shows_nobody_to_a_signed_in_account_without_a_person_record(world, client_for):
    lonely = User.objects.create_user("lonely@nowhere.test", world.password)
    client = client_for(lonely)
    page = client.get(reverse("people:list"))
    assert page.status_code == 200
    assert list(page.context["page"]) == []
    assert client.get(reverse("people:detail", args=[world.worker_b.pk])).status_code == 404
    # Positive control: B's coordinator opens the same page.
    assert (
        client_for(world.coordinator_b)
        .get(reverse("people:detail", args=[world.worker_b.pk]))
        .status_code
        == 200
    )


def test_it_refuses_the_detail_rule_to_an_account_without_a_person_record(world):
    lonely = User.objects.create_user("lonely@nowhere.test", world.password)
    assert world.worker_b.line_manager_id is None
    assert not check(lonely, "people.view_person", world.worker_b)
    assert check(world.coordinator_b.user, "people.view_person", world.worker_b)


def _scoped(user, organisation):  # type: ignore[no-untyped-def]
    """The user as an API token scoped to `organisation` makes them (see accounts.api.authentication)."""
    user = User.objects.get(pk=user.pk)
    user._token_scope = organisation.pk
    return user
