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


def test_being_put_in_a_core_team_without_a_casework_role_opens_no_case(cw, open_case, api_for):
    """Outside security test F1: a coordinator placed in a core team (by a colleague, or by
    herself before that was refused) read its cases. Membership of the team is not enough: a
    casework role (professional, case worker, manager) in the organisation is."""
    from entrepairs.people.models import Person

    case = open_case()
    Person.objects.filter(pk=cw.w.coordinator.pk).update(team=cw.w.core)
    api = api_for(cw.w.coordinator)
    assert api.get("/api/v1/casework/cases/").json()["count"] == 0
    assert api.get(f"/api/v1/casework/cases/{case.pk}/").status_code == 404
    assert api.get("/api/v1/casework/proposals/").json()["count"] == 0


def test_naming_a_guardian_of_another_organisation_answers_like_an_unknown_id(
    cw, open_case, api_for
):
    """Outside security test F4: the refusal named a person of another organisation."""
    import uuid

    case = open_case()
    api = api_for(cw.w.professional)
    url = f"/api/v1/casework/cases/{case.pk}/assign/"
    other_id, unknown_id = str(cw.w.worker_b.pk), str(uuid.uuid4())
    other = api.post(url, {"guardian": other_id, "reason": "x"}, format="json")
    unknown = api.post(url, {"guardian": unknown_id, "reason": "x"}, format="json")
    assert other.status_code == unknown.status_code == 400
    assert cw.w.worker_b.last_name not in other.content.decode()
    said = other.json()["error"]["fields"]["guardian"][0].replace(other_id, "ID")
    assert said == unknown.json()["error"]["fields"]["guardian"][0].replace(unknown_id, "ID")


def test_the_audit_trail_names_no_child_and_shows_no_case_value_to_the_coordinator(
    cw, open_case, client_for
):
    """Outside security test F6: the coordinator's audit page named the children whose cases
    were opened and read. She still sees who did what and when, on which kind of record."""
    from auditlog.models import LogEntry

    from entrepairs.casework.models import Case

    case = open_case()
    client_for(cw.w.professional).get(f"/casework/cases/{case.pk}/")
    entries = LogEntry.objects.filter(object_pk=str(case.pk))
    assert entries.count() >= 2  # created, viewed
    child = cw.children[0]
    for entry in entries:
        assert child.first_name not in entry.object_repr
        assert entry.object_repr.startswith(str(Case._meta.verbose_name))
        assert str(case.birth_date) not in str(entry.changes)
    # The coordinator reads the trail of the case (the child as a person of her organisation
    # has entries of its own, as any person she runs).
    page = client_for(cw.w.coordinator).get(f"/audit/?record={case.pk}").content.decode()
    assert page.count(str(Case._meta.verbose_name)) >= 2 and child.first_name not in page
