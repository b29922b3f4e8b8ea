import pytest

from entrepairs.organisations.models import Membership, Team

pytestmark = pytest.mark.django_db


def test_it_lists_only_the_teams_of_my_organisation(world, api_for):
    names = {t["name"] for t in api_for(world.coordinator).get("/api/v1/teams/").json()["results"]}
    assert names == {"Équipe Lille", "Noyau Lille 1"}


def test_it_refuses_every_verb_on_another_organisations_team(world, api_for):
    api = api_for(world.coordinator)
    url = f"/api/v1/teams/{world.team_b.pk}/"
    assert api.get(url).status_code == 404
    assert api.patch(url, {"name": "Hacked"}, format="json").status_code == 404
    assert api.delete(url).status_code == 404
    created = api.post(
        "/api/v1/teams/",
        {"organisation": str(world.org_b.pk), "name": "Mine", "kind": "core"},
        format="json",
    )
    assert created.status_code == 400 and "organisation" in created.json()["error"]["fields"]
    assert Team.objects.get(pk=world.team_b.pk).name == "Équipe Sud"


def test_it_reports_a_team_cycle_as_a_field_error(world, api_for):
    response = api_for(world.coordinator).patch(
        f"/api/v1/teams/{world.region.pk}/", {"parent": str(world.core.pk)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["parent"]


def test_it_refuses_a_professional_creating_teams(world, api_for):
    response = api_for(world.professional).post(
        "/api/v1/teams/",
        {"organisation": str(world.org_a.pk), "name": "X", "kind": "core"},
        format="json",
    )
    assert response.status_code == 403
    assert not Team.objects.filter(name="X").exists()
    created = api_for(world.coordinator).post(  # positive control: same request, a coordinator
        "/api/v1/teams/",
        {"organisation": str(world.org_a.pk), "name": "X", "kind": "core"},
        format="json",
    )
    assert created.status_code == 201 and Team.objects.filter(name="X").exists()


def test_it_lets_a_coordinator_give_a_role(world, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/memberships/",
        {"person": str(world.colleague.pk), "organisation": str(world.org_a.pk), "role": "tutor"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Membership.objects.filter(person=world.colleague, role="tutor").exists()


def test_it_serves_an_openapi_schema(world, client_for):
    response = client_for(world.coordinator).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/people/" in paths and "/api/v1/teams/{id}/" in paths


def test_it_serves_the_api_docs_page_without_any_cdn(world, client_for):
    page = client_for(world.coordinator).get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower()
