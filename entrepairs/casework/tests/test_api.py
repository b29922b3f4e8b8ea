"""The casework API: a proposal carries the loads before and after, the bound and each move's
reason; a confirmation answers the confirmed proposal; the schema documents the endpoints."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"


def test_a_proposal_made_in_the_api_shows_loads_moves_and_reasons_then_is_confirmed(
    cw, open_case, api_for
):
    open_case(cw.children[0], age=10, vulnerability="high")
    open_case(cw.children[1], age=15)
    api = api_for(cw.w.professional)
    made = api.post(
        f"{API}/proposals/", {"core_team": str(cw.w.core.pk), "kind": "new_cases"}, format="json"
    )
    assert made.status_code == 201, made.data
    body = made.data
    assert body["status"] == "proposed" and body["solver_status"] == "optimal"
    assert {row["name"] for row in body["loads"]} >= {"Paula Pro", "Gina Gardienne"}
    assert len(body["moves"]) == 2 and all(m["reason"] for m in body["moves"])
    confirmed = api.post(f"{API}/proposals/{body['id']}/confirm/", {"note": "ok"}, format="json")
    assert confirmed.status_code == 200 and confirmed.data["status"] == "confirmed"
    again = api.post(f"{API}/proposals/{body['id']}/confirm/", {}, format="json")
    assert again.status_code == 400
    fields = again.data["error"]["fields"]
    assert ["This proposal is already confirmed."] in fields.values()


def test_the_core_team_detail_lists_members_with_their_loads_and_warnings(cw, api_for):
    response = api_for(cw.w.coordinator).get(f"{API}/core-teams/{cw.w.core.pk}/")
    assert response.status_code == 200
    assert response.data["warnings"] == [
        "This core team has 4 members: a core team works with 6 to 8."
    ]
    sam = next(m for m in response.data["members"] if m["name"] == "Sam Social")
    assert sam["cap"] == 0 and sam["excluded"]


def test_the_schema_documents_the_casework_endpoints():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for path in (
        "/api/v1/casework/cases/",
        "/api/v1/casework/cases/{id}/placement/",
        "/api/v1/casework/proposals/{id}/confirm/",
        "/api/v1/casework/core-teams/{id}/",
    ):
        assert path in paths
