"""Follow-up: scheduled check-ins, alerts for silence, reports, progress bar (staff training
compliance moved to entrepairs/training/tests/test_compliance.py)."""

from datetime import timedelta

from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import CheckIn, MatchAlert


def test_it_schedules_the_next_check_in_once_every_party_is_done(mworld, active_match) -> None:
    due = active_match.checkins.filter(done_on__isnull=True)
    first_due = due.first().due_on
    assert first_due == timezone.localdate() + timedelta(days=30)
    for c in list(due):
        lifecycle.checkin_record(by=SYSTEM, checkin=c, rating=4, meets_regularly=True)
    nxt = active_match.checkins.filter(done_on__isnull=True)
    assert nxt.count() == 3 and nxt.first().due_on == first_due + timedelta(days=30)


def test_it_alerts_staff_once_when_a_match_has_no_contact_for_too_long(
    mworld, active_match
) -> None:
    later = timezone.localdate() + timedelta(days=80)
    assert lifecycle.alerts_refresh(later) == 2  # no contact, and check-ins overdue
    assert lifecycle.alerts_refresh(later) == 0
    assert (
        Notification.objects.filter(
            recipient=mworld.world.coordinator.user, subject__icontains="attention"
        ).count()
        == 2
    )
    lifecycle.contact_record(
        by=SYSTEM, match=active_match, kind="meeting", happened_on=timezone.localdate()
    )
    assert not MatchAlert.objects.filter(kind="no_contact", resolved_at__isnull=True).exists()


def test_it_runs_the_alerts_as_a_periodic_task(mworld, active_match) -> None:
    from entrepairs.mentoring.tasks import mentoring_alerts

    assert mentoring_alerts.call() == 0


def test_it_reports_aggregates_without_identities_in_the_api(mworld, active_match, api_for) -> None:
    body = (
        api_for(mworld.world.coordinator)
        .get(f"/api/v1/mentoring/programmes/{mworld.programme.pk}/report/")
        .json()
    )
    assert body["active"] == 1 and body["checkins_due"] == 0
    assert "Lina" not in str(body)
    assert (
        api_for(mworld.world.worker_b)
        .get(f"/api/v1/mentoring/programmes/{mworld.programme.pk}/report/")
        .status_code
        == 403
    )


def test_it_asks_the_page_to_refresh_when_the_run_is_done(mworld, client_for) -> None:
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    response = client_for(mworld.world.coordinator).get(
        f"/mentoring/runs/{run.pk}/progress/", HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"


def test_it_polls_a_running_run(mworld, client_for) -> None:
    from entrepairs.mentoring.models import MatchingRun

    run = MatchingRun.objects.create(
        programme=mworld.programme, organisation=mworld.world.org_a, status="running", progress=40
    )
    html = client_for(mworld.world.coordinator).get(f"/mentoring/runs/{run.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html
    assert not CheckIn.objects.exists()
