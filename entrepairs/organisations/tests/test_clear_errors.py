"""Requests that used to answer 500 get a clear 400 (security review, issue 10)."""

import pytest
from django.urls import reverse

from entrepairs.organisations.models import Organisation, Team

pytestmark = pytest.mark.django_db


def test_it_refuses_deleting_a_team_that_contains_teams_in_the_api(world, api_for):
    api = api_for(world.coordinator)
    response = api.delete(f"/api/v1/teams/{world.region.pk}/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["non_field_errors"]
    assert Team.objects.filter(pk=world.region.pk).exists()
    # Positive control: the team inside it can go, then the emptied one.
    assert api.delete(f"/api/v1/teams/{world.core.pk}/").status_code == 204
    assert api.delete(f"/api/v1/teams/{world.region.pk}/").status_code == 204


def test_it_refuses_deleting_a_team_that_contains_teams_on_the_page(
    world, client_for, english_messages
):
    client = client_for(world.coordinator)
    url = reverse("organisations:team_delete", args=[world.org_a.pk, world.region.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 400
    assert "contains other teams" in response.content.decode()
    assert Team.objects.filter(pk=world.region.pk).exists()
    leaf = reverse("organisations:team_delete", args=[world.org_a.pk, world.core.pk])
    assert client.post(leaf).status_code == 302
    assert not Team.objects.filter(pk=world.core.pk).exists()


def test_it_refuses_deleting_teams_of_another_organisation_or_without_the_right(world, client_for):
    url = reverse("organisations:team_delete", args=[world.org_a.pk, world.core.pk])
    assert client_for(world.coordinator_b).post(url).status_code == 404
    assert client_for(world.professional).post(url).status_code == 403
    assert Team.objects.filter(pk=world.core.pk).exists()


def test_it_refuses_a_null_list_of_two_factor_roles_sent_as_a_form(world, api_for):
    from allauth.mfa.models import Authenticator

    # Enrolled: requiring two-factor for their own role must not lock this token out mid-test.
    Authenticator.objects.create(
        user=world.coordinator.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    api = api_for(world.coordinator)
    url = f"/api/v1/organisations/{world.org_a.pk}/"
    form = "application/x-www-form-urlencoded"
    assert api.patch(url, "require_mfa_roles=null", content_type=form).status_code == 400
    assert api.patch(url, {"require_mfa_roles": None}, format="json").status_code == 400
    assert api.patch(url, {"require_mfa_roles": ["root"]}, format="json").status_code == 400
    assert Organisation.objects.get(pk=world.org_a.pk).require_mfa_roles == []
    # Positive controls: roles one by one in a form, and an empty value clears the list.
    saved = api.patch(
        url, "require_mfa_roles=coordinator&require_mfa_roles=manager", content_type=form
    )
    assert saved.status_code == 200
    assert Organisation.objects.get(pk=world.org_a.pk).require_mfa_roles == [
        "coordinator",
        "manager",
    ]
    assert api.patch(url, "require_mfa_roles=", content_type=form).status_code == 200
    assert Organisation.objects.get(pk=world.org_a.pk).require_mfa_roles == []


def test_it_renames_a_team_in_the_api(world, api_for):
    # An update is checked for uniqueness against the other teams, not against itself.
    api = api_for(world.coordinator)
    response = api.patch(f"/api/v1/teams/{world.core.pk}/", {"kind": "service"}, format="json")
    assert response.status_code == 200, response.json()
    clash = api.patch(f"/api/v1/teams/{world.core.pk}/", {"name": world.region.name}, format="json")
    assert clash.status_code == 400
