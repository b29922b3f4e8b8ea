"""Reports (issue 12 point 13): each member's load recorded weekly by a trusted job; the team's
balance over time on a page and in the API, for those who see the team; never a child."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from entrepairs.casework import reports, services
from entrepairs.casework.models import Case, LoadSnapshot
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db


def _allocated(cw, open_case, children, guardian):  # type: ignore[no-untyped-def]
    for child in children:
        case = open_case(child)
        services.case_assign(case=case, guardian=guardian, reason="test", by=SYSTEM)


def test_the_weekly_job_records_each_members_load_and_a_second_run_replaces_the_week(cw, open_case):
    _allocated(cw, open_case, cw.children[:2], cw.w.professional)
    _allocated(cw, open_case, cw.children[2:3], cw.gina)
    today = timezone.localdate()
    # Sam (social worker, cap 0, no case) is not counted: the lowest ratio would always be 0.
    assert services.load_snapshots_record(day=today, teams=[cw.w.core]) == 3
    assert services.load_snapshots_record(day=today, teams=[cw.w.core]) == 3
    rows = {s.person_id: s for s in LoadSnapshot.objects.filter(core_team=cw.w.core)}
    assert len(rows) == 3 and {s.week.weekday() for s in rows.values()} == {0}
    paula, gina = rows[cw.w.professional.pk], rows[cw.gina.pk]
    assert paula.cases == 2 and gina.cases == 1
    assert gina.ratio == pytest.approx(gina.weight / 0.5)


def test_a_past_week_counts_only_the_cases_already_opened(cw, open_case):
    today = timezone.localdate()
    older = open_case(cw.children[0])
    services.case_assign(case=older, guardian=cw.w.professional, reason="t", by=SYSTEM)
    Case.objects.filter(pk=older.pk).update(opened_on=today - datetime.timedelta(days=60))
    _allocated(cw, open_case, cw.children[1:2], cw.w.professional)
    services.load_snapshots_record(day=today - datetime.timedelta(weeks=4), teams=[cw.w.core])
    services.load_snapshots_record(day=today, teams=[cw.w.core])
    history = reports.caseload_history(cw.w.core, today=today)
    assert [w.cases for w in history] == [1, 2]
    assert history[0].week == services.week_of(today - datetime.timedelta(weeks=4))


def test_only_trusted_code_records_loads(cw):
    with pytest.raises(PermissionDenied):
        services.load_snapshots_record(day=timezone.localdate(), by=cw.w.professional)


def test_the_balance_of_a_week_is_the_highest_ratio_over_the_average(cw, open_case):
    _allocated(cw, open_case, cw.children[:2], cw.w.professional)
    services.load_snapshots_record(day=timezone.localdate(), teams=[cw.w.core])
    (week,) = reports.caseload_history(cw.w.core, today=timezone.localdate())
    ratios = [s.ratio for s in LoadSnapshot.objects.filter(core_team=cw.w.core)]
    assert week.highest_ratio == max(ratios) and week.lowest_ratio == 0
    assert week.spread == pytest.approx(max(ratios) / (sum(ratios) / len(ratios)))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("professional", 200),
        ("coordinator", 200),
        ("olga", 404),
        ("coordinator_b", 404),
        ("worker_b", 404),
    ],
)
def test_who_sees_a_teams_report_page_and_api(cw, open_case, client_for, api_for, who, status):
    _allocated(cw, open_case, cw.children[:1], cw.w.professional)
    services.load_snapshots_record(day=timezone.localdate(), teams=[cw.w.core])
    person = getattr(cw, who, None) or getattr(cw.w, who)
    page = client_for(person).get(f"/casework/teams/{cw.w.core.pk}/reports/")
    api = api_for(person).get(f"/api/v1/casework/core-teams/{cw.w.core.pk}/caseloads/")
    assert (page.status_code, api.status_code) == (status, status)
    if status == 200:
        html = page.content.decode()
        assert "<svg" in html and cw.children[0].first_name not in html
        (week,) = api.json()
        assert week["cases"] == 1 and week["members"] == 3


def test_the_reports_page_lists_the_latest_week_of_each_team_one_sees(cw, open_case, client_for):
    _allocated(cw, open_case, cw.children[:1], cw.w.professional)
    services.load_snapshots_record(day=timezone.localdate())
    coordinator = client_for(cw.w.coordinator).get("/casework/reports/")
    rows = {r["team"].pk: r["loads"] for r in coordinator.context["rows"]}
    assert rows[cw.w.core.pk].cases == 1 and rows[cw.core2.pk].cases == 0
    member = client_for(cw.olga).get("/casework/reports/")
    assert [r["team"].pk for r in member.context["rows"]] == [cw.core2.pk]


def test_a_case_opened_in_the_past_counts_from_that_day_and_says_so_in_its_timeline(cw):
    opened = timezone.localdate() - datetime.timedelta(days=90)
    from .conftest import years_ago

    case = services.case_open(
        team=cw.w.core,
        child=cw.children[0],
        birth_date=years_ago(10),
        opened_on=opened,
        placement_kind="foster_family",
        by=SYSTEM,
    )
    assert case.opened_on == opened
    assert case.events.get().happened_on == opened


def test_the_teams_other_figures_are_counts_for_whoever_sees_the_team(
    cw, open_case, client_for, api_for
):
    """Point 13: continuity, safety checks, decisions and care plans as counts, on the reports
    page and in the API; the coordinator reads them, another organisation gets 404."""
    _allocated(cw, open_case, cw.children[:2], cw.w.professional)
    open_case(cw.children[2])  # waiting: no guardian
    url = f"/api/v1/casework/core-teams/{cw.w.core.pk}/figures/"
    figures = api_for(cw.w.coordinator).get(url).json()
    assert figures["continuity"]["cases"] == 3
    assert figures["continuity"]["without_guardian"] == 1
    assert set(figures) == {"continuity", "safety", "decisions", "care_plans"}
    assert api_for(cw.w.worker_b).get(url).status_code == 404
    page = client_for(cw.w.coordinator).get(f"/casework/teams/{cw.w.core.pk}/reports/")
    assert page.context["figures"].continuity["cases"] == 3
    assert cw.children[0].first_name not in page.content.decode()
