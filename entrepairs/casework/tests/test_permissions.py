"""Who sees what, on the pages and in the API: a case is seen by the members of its core team
only (positive control: Paula and Gina); another core team, another organisation, the
coordinator (who sets working time but reads no case) and the platform administrator get 404."""

import pytest

from entrepairs.casework import services
from entrepairs.casework.models import AllocationProposal

pytestmark = pytest.mark.django_db

API = "/api/v1/casework"


@pytest.fixture
def case(cw, open_case):  # type: ignore[no-untyped-def]
    return open_case()


@pytest.fixture
def proposal(cw, case):  # type: ignore[no-untyped-def]
    return services.allocation_propose(
        team=cw.w.core, kind=AllocationProposal.Kind.NEW_CASES, by=cw.w.professional
    )


def _who(cw, name):  # type: ignore[no-untyped-def]
    return {
        "paula": cw.w.professional,
        "gina": cw.gina,
        "olga": cw.olga,
        "berthe": cw.w.worker_b,
        "coordinator": cw.w.coordinator,
        "coordinator_b": cw.w.coordinator_b,
        "admin": cw.w.admin,
    }[name]


CASE_READERS = [
    ("paula", 200),
    ("gina", 200),
    ("olga", 404),
    ("berthe", 404),
    ("coordinator", 404),
    ("coordinator_b", 404),
    ("admin", 404),
]


@pytest.mark.parametrize(("who", "status"), CASE_READERS)
def test_a_case_page_is_seen_by_its_core_team_only(cw, case, client_for, who, status):
    response = client_for(_who(cw, who)).get(f"/casework/cases/{case.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Arrivé seul" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [c for c in CASE_READERS if c[0] != "admin"])
def test_a_case_in_the_api_is_seen_by_its_core_team_only(cw, case, api_for, who, status):
    response = api_for(_who(cw, who)).get(f"{API}/cases/{case.pk}/")
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "count"), [("paula", 1), ("olga", 0), ("berthe", 0), ("coordinator", 0)]
)
def test_the_case_list_holds_only_the_cases_of_ones_core_team(cw, case, api_for, who, count):
    response = api_for(_who(cw, who)).get(f"{API}/cases/")
    assert response.status_code == 200
    assert response.data["count"] == count


@pytest.mark.parametrize(
    ("who", "status"), [("paula", 200), ("olga", 404), ("berthe", 404), ("coordinator", 404)]
)
def test_an_allocation_proposal_is_seen_by_the_core_team_only(
    cw, proposal, client_for, api_for, who, status
):
    person = _who(cw, who)
    assert client_for(person).get(f"/casework/proposals/{proposal.pk}/").status_code == status
    assert api_for(person).get(f"{API}/proposals/{proposal.pk}/").status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("paula", 200), ("coordinator", 200), ("olga", 404), ("berthe", 404), ("coordinator_b", 404)],
)
def test_a_core_team_is_seen_by_its_members_and_its_coordinators(
    cw, client_for, api_for, who, status
):
    person = _who(cw, who)
    assert client_for(person).get(f"/casework/teams/{cw.w.core.pk}/").status_code == status
    assert api_for(person).get(f"{API}/core-teams/{cw.w.core.pk}/").status_code == status


def test_the_coordinator_sees_the_team_but_not_its_cases_nor_its_allocation(cw, case, client_for):
    client = client_for(cw.w.coordinator)
    page = client.get(f"/casework/teams/{cw.w.core.pk}/").content.decode()
    assert "Gina Gardienne" in page and "Propose" not in page
    assert client.get(f"/casework/teams/{cw.w.core.pk}/cases/").status_code == 403


def test_a_member_may_not_set_working_time_but_sees_the_team(cw, client_for):
    client = client_for(cw.gina)
    assert client.get(f"/casework/teams/{cw.w.core.pk}/").status_code == 200
    assert client.get(f"/casework/teams/{cw.w.core.pk}/members/{cw.sam.pk}/").status_code == 403


def test_an_api_token_scoped_to_another_organisation_sees_no_case(cw, case, api_for):
    from entrepairs.organisations.models import Membership, Role

    Membership.objects.create(
        person=cw.w.professional, organisation=cw.w.org_b, role=Role.PROFESSIONAL
    )
    scoped = api_for(cw.w.professional, organisation=cw.w.org_b)
    assert scoped.get(f"{API}/cases/{case.pk}/").status_code == 404
    assert api_for(cw.w.professional).get(f"{API}/cases/{case.pk}/").status_code == 200


def test_the_casework_link_shows_for_a_core_team_member(cw, client_for):
    assert 'href="/casework/"' in client_for(cw.w.professional).get("/casework/").content.decode()
    assert client_for(cw.w.professional).get("/casework/").status_code == 200
