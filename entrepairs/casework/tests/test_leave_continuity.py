"""Continuity (issue 12, point 4): who followed a case when, gaps without a guardian, cases
without contact beyond the organisation's threshold, per-guardian continuity, alerts to the core
team and figures per team."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from entrepairs.casework import selectors, services
from entrepairs.casework.models import Case, CaseEvent
from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def followed(cw, open_case):  # type: ignore[no-untyped-def]
    """Lina's case: opened 100 days ago, waited 10 days, Colin for 40, then Paula."""
    case = open_case(cw.children[0])
    Case.objects.filter(pk=case.pk).update(opened_on=_ago(100))
    CaseEvent.objects.filter(case=case).update(happened_on=_ago(100))
    services.case_assign(case=case, guardian=cw.w.colleague, reason="Arrivée", by=SYSTEM)
    CaseEvent.objects.filter(case=case, guardian=cw.w.colleague).update(happened_on=_ago(90))
    services.case_assign(case=case, guardian=cw.w.professional, reason="Rééquilibrage", by=SYSTEM)
    CaseEvent.objects.filter(case=case, guardian=cw.w.professional).update(happened_on=_ago(50))
    case.refresh_from_db()
    return case


def test_it_says_who_followed_the_case_when_and_the_gap_before_the_first_guardian(cw, followed):
    periods, gaps = selectors.case_followers(followed)
    assert [(p.guardian, p.since, p.until) for p in periods] == [
        (None, _ago(100), _ago(91)),
        (cw.w.colleague, _ago(90), _ago(51)),
        (cw.w.professional, _ago(50), None),
    ]
    assert [(g.since, g.days) for g in gaps] == [(_ago(100), 10)]


def test_a_leave_of_the_guardian_shows_the_replacement_or_a_gap(cw, followed):
    leave = services.leave_record(
        person=cw.w.professional, starts_on=TODAY, ends_on=TODAY + datetime.timedelta(5), by=SYSTEM
    )
    _periods, gaps = selectors.case_followers(followed)
    assert any(g.replacement and g.since == TODAY for g in gaps)  # requested: not covered yet
    services.leave_approve(leave=leave, by=cw.w.colleague)
    periods, gaps = selectors.case_followers(followed)
    assert [(p.guardian, p.since) for p in periods if p.replacement] == [(cw.w.colleague, TODAY)]
    assert not [g for g in gaps if g.replacement]


def test_cases_without_contact_beyond_the_threshold_are_flagged_until_a_contact_is_recorded(
    cw, followed
):
    alerts = selectors.continuity_alerts(cw.w.core)
    assert alerts.threshold_days == 42
    assert [(c, last, days) for c, last, days in alerts.without_contact] == [(followed, None, 100)]
    services.contact_record(
        case=followed, happened_on=_ago(43), kind="visit", note="Visite au foyer", by=cw.gina
    )
    assert [days for _c, _l, days in selectors.continuity_alerts(cw.w.core).without_contact] == [43]
    services.casework_settings_save(
        organisation_id=cw.w.org_a.pk, contact_threshold_days=60, by=cw.w.coordinator
    )
    assert not selectors.continuity_alerts(cw.w.core).without_contact
    figures = selectors.continuity_figures([cw.w.core, cw.core2])
    assert figures[cw.w.core.pk] == {
        "cases": 1,
        "without_guardian": 0,
        "without_contact": 0,
        "guardian_changes_12m": 1,
    }
    assert figures[cw.core2.pk]["cases"] == 0


def test_a_contact_needs_a_known_kind_a_past_date_and_a_member_or_replacement(cw, followed):
    with pytest.raises(ValidationError) as refused:
        services.contact_record(
            case=followed, happened_on=TODAY + datetime.timedelta(1), kind="letter", by=cw.gina
        )
    assert set(refused.value.message_dict) == {"kind", "happened_on"}
    with pytest.raises(PermissionDenied):
        services.contact_record(case=followed, happened_on=TODAY, kind="visit", by=cw.olga)
    assert not followed.contacts.exists()


def test_the_threshold_is_set_by_a_coordinator_within_7_to_365_days(cw):
    with pytest.raises(PermissionDenied):
        services.casework_settings_save(
            organisation_id=cw.w.org_a.pk, contact_threshold_days=30, by=cw.w.professional
        )
    with pytest.raises(ValidationError, match="between 7 and 365"):
        services.casework_settings_save(
            organisation_id=cw.w.org_a.pk, contact_threshold_days=3, by=cw.w.coordinator
        )
    assert selectors.contact_threshold_days(cw.w.org_a.pk) == 42


def test_per_guardian_it_counts_cases_followed_from_the_start_and_taken_over(
    cw, followed, open_case
):
    other = open_case(cw.children[1])
    services.case_assign(case=other, guardian=cw.w.professional, reason="r", by=SYSTEM)
    alerts = selectors.continuity_alerts(cw.w.core)
    rows = {r.person: r for r in selectors.guardian_continuity(cw.w.core, alerts)}
    paula = rows[cw.w.professional]
    assert (paula.cases, paula.from_start, paula.taken_over, paula.without_contact) == (2, 1, 1, 1)


def test_the_core_team_is_alerted_in_the_app_without_a_child_named(cw, followed):
    told = services.continuity_alerts_send(team=cw.w.core, by=SYSTEM)
    assert told == 4  # Paula, Colin, Gina, Sam
    note = Notification.objects.filter(recipient=cw.w.professional.user).last()
    assert note is not None
    assert "1 case without contact for more than 42 days" in note.body
    assert "Lina" not in note.body and "Lina" not in note.subject
    assert note.link.endswith(f"/casework/teams/{cw.w.core.pk}/continuity/")


def test_the_daily_job_alerts_the_core_teams_with_something_to_say(cw, followed):
    from entrepairs.casework.tasks import send_continuity_alerts

    assert send_continuity_alerts.call() == {"teams": 1, "told": 4}  # Noyau Lille 2 has no case


def test_the_continuity_api_lists_cases_without_contact_for_a_member(cw, open_case, api_for):
    """Outside test: the continuity API answered 500 (a tuple read through dotted sources)."""
    import datetime

    from entrepairs.casework.models import Case

    case = open_case()
    Case.objects.filter(pk=case.pk).update(
        opened_on=timezone.localdate() - datetime.timedelta(days=200)
    )
    response = api_for(cw.w.professional).get(f"/api/v1/casework/continuity/{cw.w.core.pk}/")
    assert response.status_code == 200, response.content
    late = response.json()["without_contact"]
    assert [row["case"] for row in late] == [str(case.pk)]
    assert late[0]["last_contact"] is None and late[0]["days"] >= 42
