"""Leave cover and continuity through the pages and the API: who sees a leave's plan and a team's
continuity (its core team; not another core team, another organisation, the coordinator), the
approval refused while a case is uncovered, a replacement outside the core team refused, a
contact recorded, the threshold set by a coordinator."""

import datetime

import pytest
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.casework.models import CaseContact, Leave, LeaveCover
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"
TODAY = timezone.localdate()


@pytest.fixture
def leave(cw, open_case):  # type: ignore[no-untyped-def]
    for child in cw.children[:2]:
        case = open_case(child)
        services.case_assign(case=case, guardian=cw.w.colleague, reason="r", by=SYSTEM)
    return services.leave_record(
        person=cw.w.colleague,
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=7),
        by=cw.w.colleague,
    )


def _who(cw, name):  # type: ignore[no-untyped-def]
    return {
        "paula": cw.w.professional,
        "colin": cw.w.colleague,
        "olga": cw.olga,
        "berthe": cw.w.worker_b,
        "coordinator": cw.w.coordinator,
        "coordinator_b": cw.w.coordinator_b,
    }[name]


READERS = [
    ("paula", 200),
    ("colin", 200),
    ("olga", 404),
    ("berthe", 404),
    ("coordinator", 404),
    ("coordinator_b", 404),
]


@pytest.mark.parametrize(("who", "status"), READERS)
def test_a_leave_plan_is_seen_by_the_core_team_only(cw, leave, client_for, api_for, who, status):
    page = client_for(_who(cw, who)).get(f"/casework/leaves/{leave.pk}/")
    api = api_for(_who(cw, who)).get(f"{API}/leave-plans/{leave.pk}/")
    assert (page.status_code, api.status_code) == (status, status)
    if status == 200:
        assert "Lina Enfant" in page.content.decode()
        body = api.json()
        assert body["status"] == "requested" and body["uncovered"] == 0
        assert {row["replacement_name"] for row in body["covers"]} <= {
            "Paula Pro",
            "Gina Gardienne",
        }


@pytest.mark.parametrize(("who", "status"), READERS)
def test_a_teams_continuity_is_seen_by_the_core_team_only(
    cw, leave, client_for, api_for, who, status
):
    page = client_for(_who(cw, who)).get(f"/casework/teams/{cw.w.core.pk}/continuity/")
    api = api_for(_who(cw, who)).get(f"{API}/continuity/{cw.w.core.pk}/")
    # The coordinator sees the core team (working time) but reads no case: 403, not 404.
    expected = 403 if who == "coordinator" else status
    assert (page.status_code, api.status_code) == (expected, expected)
    if status == 200:
        assert api.json()["threshold_days"] == 42
        assert len(api.json()["without_contact"]) == 0  # opened today


def test_the_coordinator_sees_continuity_counts_on_the_team_page_but_no_child(
    cw, leave, client_for
):
    html = client_for(cw.w.coordinator).get(f"/casework/teams/{cw.w.core.pk}/").content.decode()
    assert 'id="continuity-figures"' in html
    assert "Lina" not in html and f"/casework/leaves/{leave.pk}/" not in html


def test_the_leave_is_approved_on_the_page_by_a_colleague_not_by_its_taker(cw, leave, client_for):
    refused = client_for(cw.w.colleague).post(f"/casework/leaves/{leave.pk}/approve/")
    assert refused.status_code == 403
    other = client_for(cw.olga).post(f"/casework/leaves/{leave.pk}/approve/")
    assert other.status_code == 404
    done = client_for(cw.gina).post(f"/casework/leaves/{leave.pk}/approve/", follow=True)
    assert done.status_code == 200
    leave.refresh_from_db()
    assert leave.status == Leave.Status.APPROVED


def test_an_uncovered_case_blocks_approval_in_both_channels_with_the_same_message(
    cw, leave, client_for, api_for
):
    LeaveCover.objects.filter(leave=leave).update(replacement=None, uncovered="capacity")
    page = client_for(cw.gina).post(f"/casework/leaves/{leave.pk}/approve/", follow=True)
    api = api_for(cw.gina).post(f"{API}/leave-plans/{leave.pk}/approve/")
    assert api.status_code == 400
    message = api.json()["detail"] if "detail" in api.json() else str(api.json())
    assert "2 cases without a replacement" in message
    assert "2 cases without a replacement" in page.content.decode()
    leave.refresh_from_db()
    assert leave.status == Leave.Status.REQUESTED


def test_a_replacement_outside_the_core_team_is_refused_on_both_channels(
    cw, leave, client_for, api_for
):
    row = LeaveCover.objects.filter(leave=leave).first()
    assert row is not None
    prefix = str(row.case_id)
    page = client_for(cw.gina).post(
        f"/casework/leaves/{leave.pk}/replacement/",
        {"prefix": prefix, f"{prefix}-case": row.case_id, f"{prefix}-replacement": cw.olga.pk},
    )
    api = api_for(cw.gina).post(
        f"{API}/leave-plans/{leave.pk}/replacement/",
        {"case": str(row.case_id), "replacement": str(cw.olga.pk)},
        format="json",
    )
    expected = "Olga Autre is not a member of this core team"
    assert expected in page.content.decode()
    assert api.status_code == 400 and expected in str(api.json())
    row.refresh_from_db()
    assert row.replacement_id != cw.olga.pk


def test_a_contact_is_recorded_on_the_case_page_and_in_the_api(cw, leave, client_for, api_for):
    case = (
        LeaveCover.objects.filter(leave=leave)
        .select_related("case")
        .get(case__child=cw.children[0])
        .case
    )
    page = client_for(cw.w.professional).post(
        f"/casework/cases/{case.pk}/contacts/",
        {"happened_on": TODAY.isoformat(), "kind": "visit", "note": "Visite au foyer"},
        follow=True,
    )
    assert page.status_code == 200 and "Visite au foyer" in page.content.decode()
    api = api_for(cw.gina).post(
        f"{API}/contacts/",
        {"case": str(case.pk), "happened_on": TODAY.isoformat(), "kind": "phone"},
        format="json",
    )
    assert api.status_code == 201, api.content
    assert CaseContact.objects.filter(case=case).count() == 2
    hidden = api_for(cw.olga).post(
        f"{API}/contacts/",
        {"case": str(case.pk), "happened_on": TODAY.isoformat(), "kind": "phone"},
        format="json",
    )
    assert hidden.status_code == 404
    listed = api_for(cw.olga).get(f"{API}/contacts/")
    assert listed.json()["count"] == 0


def test_the_threshold_is_set_by_the_coordinator_on_the_page_and_in_the_api(
    cw, client_for, api_for
):
    page = client_for(cw.w.coordinator).post("/casework/threshold/", {"contact_threshold_days": 3})
    assert "between 7 and 365" in page.content.decode()
    client_for(cw.w.coordinator).post("/casework/threshold/", {"contact_threshold_days": 30})
    answer = api_for(cw.w.coordinator).get(f"{API}/settings/").json()
    assert answer == [{"organisation": str(cw.w.org_a.pk), "contact_threshold_days": 30}]
    assert client_for(cw.w.professional).get("/casework/threshold/").status_code == 403
    refused = api_for(cw.w.professional).post(
        f"{API}/settings/",
        {"organisation": str(cw.w.org_a.pk), "contact_threshold_days": 20},
        format="json",
    )
    assert refused.status_code == 403
