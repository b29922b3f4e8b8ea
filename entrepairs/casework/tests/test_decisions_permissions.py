"""Who sees and does what with safety checks and key decisions, on the pages and in the API. The
expert sees the decision submitted to them and nothing else (not the case, not another decision:
404); another core team, another organisation and the coordinator see nothing (404); an expert
may not decide (403)."""

import pytest
from django.utils import timezone

from entrepairs.casework import services

from .decisions_fixtures import *  # noqa: F403 - the `dw` fixture

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"


def _who(dw, name):  # type: ignore[no-untyped-def]
    return {
        "paula": dw.w.professional,
        "gina": dw.cw.gina,
        "olga": dw.cw.olga,
        "berthe": dw.w.worker_b,
        "coordinator": dw.w.coordinator,
        "psy": dw.psy,
        "jur": dw.jur,
        "oscar": dw.oscar,
    }[name]


@pytest.fixture
def submitted(dw):  # type: ignore[no-untyped-def]
    """The gated decision submitted to Pauline (psychologist); a safety check of Lina's case."""
    request = services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    check = services.safety_check_schedule(
        case=dw.case, due_on=timezone.localdate(), by=dw.w.professional
    )
    return request, check


READERS = [
    ("paula", 200),
    ("gina", 200),
    ("psy", 200),
    ("jur", 404),
    ("oscar", 404),
    ("olga", 404),
    ("berthe", 404),
    ("coordinator", 404),
]


@pytest.mark.parametrize(("who", "status"), READERS)
def test_a_submitted_decision_is_seen_by_the_team_and_the_expert_asked(
    dw, submitted, client_for, api_for, who, status
):
    person = _who(dw, who)
    page = client_for(person).get(f"/casework/decisions/{dw.gated.pk}/")
    assert page.status_code == status
    assert api_for(person).get(f"{API}/decisions/{dw.gated.pk}/").status_code == status
    if status == 200:
        assert "Veut rester près de son école" in page.content.decode()


@pytest.mark.parametrize("who", ["psy", "jur", "olga", "berthe", "coordinator"])
def test_outside_the_team_the_case_its_checks_and_other_decisions_are_hidden(
    dw, submitted, client_for, api_for, who
):
    person = _who(dw, who)
    _request, check = submitted
    client, api = client_for(person), api_for(person)
    for url in (
        f"/casework/cases/{dw.case.pk}/",
        f"/casework/decisions/{dw.free.pk}/",
        f"/casework/safety-checks/{check.pk}/",
        f"/casework/cases/{dw.case.pk}/decision/new/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"{API}/cases/{dw.case.pk}/",
        f"{API}/decisions/{dw.free.pk}/",
        f"{API}/safety-checks/{check.pk}/",
    ):
        assert api.get(url).status_code == 404, url
    listed = api.get(f"{API}/decisions/").json()["results"]
    assert str(dw.free.pk) not in {row["id"] for row in listed}
    assert api.get(f"{API}/safety-checks/").json()["count"] == 0


def test_the_expert_page_shows_the_decision_not_the_case(dw, submitted, client_for):
    page = client_for(dw.psy).get(f"/casework/decisions/{dw.gated.pk}/").content.decode()
    assert "Arrivé seul" not in page  # the case's summary
    assert f"/casework/cases/{dw.case.pk}/" not in page
    assert "Record my advice" in page and "Take the decision" not in page


def test_the_expert_may_not_decide_nor_ask_page_and_api(dw, submitted, client_for, api_for):
    client, api = client_for(dw.psy), api_for(dw.psy)
    url = f"/casework/decisions/{dw.gated.pk}/"
    assert client.post(url + "decide/", {"outcome": "x"}).status_code == 403
    assert api.post(f"{API}/decisions/{dw.gated.pk}/decide/", {"outcome": "x"}).status_code == 403
    assert client.post(url + "advice/", {"expert": dw.jur.pk}).status_code == 403


def test_the_expert_inbox_lists_what_is_submitted_to_them(dw, submitted, client_for):
    page = client_for(dw.psy).get("/casework/expert/")
    assert page.status_code == 200
    assert [r.decision_id for r in page.context["rows"]] == [dw.gated.pk]
    assert client_for(dw.jur).get("/casework/expert/").context["rows"] == []
    assert client_for(dw.w.professional).get("/casework/expert/").status_code == 404


def test_a_core_team_member_may_not_give_an_experts_advice(dw, submitted, client_for, api_for):
    request, _check = submitted
    assert (
        client_for(dw.w.professional)
        .post(f"/casework/advice/{request.pk}/", {"advice": "x"})
        .status_code
        == 403
    )
    assert (
        api_for(dw.w.professional)
        .post(f"{API}/advice/{request.pk}/record/", {"advice": "x"})
        .status_code
        == 403
    )
    assert (
        api_for(dw.jur).post(f"{API}/advice/{request.pk}/record/", {"advice": "x"}).status_code
        == 404
    )


def test_the_settings_are_the_coordinators(dw, client_for, api_for):
    assert client_for(dw.w.coordinator).get("/casework/settings/decisions/").status_code == 200
    assert client_for(dw.w.professional).get("/casework/settings/decisions/").status_code == 403
    body = {"organisation": str(dw.w.org_a.pk), "kind": "risk", "label": "Grossesse", "weight": 3}
    assert api_for(dw.w.professional).post(f"{API}/risk-factors/", body).status_code == 403
    assert api_for(dw.w.coordinator_b).post(f"{API}/risk-factors/", body).status_code == 404
    assert api_for(dw.w.coordinator).post(f"{API}/risk-factors/", body).status_code == 201
