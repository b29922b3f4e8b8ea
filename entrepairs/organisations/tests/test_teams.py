import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entrepairs.organisations.models import Team

pytestmark = pytest.mark.django_db


def test_it_refuses_a_team_nested_inside_itself(world):
    world.region.parent = world.core  # core is already inside region
    with pytest.raises(ValidationError) as exc:
        world.region.full_clean()
    assert "parent" in exc.value.message_dict


def test_it_refuses_a_parent_from_another_organisation(world):
    team = Team(organisation=world.org_a, name="X", parent=world.team_b)
    with pytest.raises(ValidationError) as exc:
        team.full_clean()
    assert "parent" in exc.value.message_dict


def test_it_creates_a_team_from_the_organisation_page(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("organisations:team_create", args=[world.org_a.pk])
    response = client.post(
        url, {"name": "Noyau Lille 2", "kind": "core", "parent": world.region.pk}
    )
    assert response.status_code == 302
    assert Team.objects.get(name="Noyau Lille 2").parent == world.region


def test_it_explains_a_duplicate_team_name_next_to_the_field(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("organisations:team_create", args=[world.org_a.pk])
    response = client.post(url, {"name": "Noyau Lille 1", "kind": "core"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_it_refuses_editing_teams_of_another_organisation(world, client_for):
    client = client_for(world.coordinator)
    assert client.get(reverse("organisations:detail", args=[world.org_b.pk])).status_code == 404
    assert (
        client.post(
            reverse("organisations:team_create", args=[world.org_b.pk]),
            {"name": "X", "kind": "core"},
        ).status_code
        == 404
    )
    assert (
        client_for(world.professional)
        .post(
            reverse("organisations:team_create", args=[world.org_a.pk]),
            {"name": "X", "kind": "core"},
        )
        .status_code
        == 403
    )


def test_it_edits_a_site(world, client_for):
    from entrepairs.organisations.models import Site

    site = Site.objects.create(organisation=world.org_a, name="Siège")
    client = client_for(world.coordinator)
    response = client.post(
        reverse("organisations:site_edit", args=[world.org_a.pk, site.pk]),
        {"name": "Siège Lille", "address": "1 rue X"},
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.name == "Siège Lille"
    assert (
        client_for(world.coordinator_b)
        .get(reverse("organisations:site_edit", args=[world.org_a.pk, site.pk]))
        .status_code
        == 404
    )
