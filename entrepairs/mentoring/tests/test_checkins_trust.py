"""Check-ins people can trust (issue 14, point 4): a mentor filling in the youth's check-in is
refused on the page and in the API, nothing is written and the attempt is in the audit trail; the
report counts what is recorded (compared with the database); reopening a match never duplicates an
open check-in; a screening step moves the mentor's status the same way from the page, the API and
the command line (one service)."""

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import CheckIn, Match, Mentor, ScreeningStep
from entrepairs.mentoring.reports import programme_report

API = "/api/v1/mentoring"


def test_a_mentor_filling_in_the_youths_checkin_is_refused_and_audited(
    mworld, active_match, client_for, api_for
) -> None:
    youth_checkin = active_match.checkins.get(party="youth", done_on__isnull=True)
    mentor = mworld.mentor.person
    page = client_for(mentor).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "checkin", "checkin": str(youth_checkin.pk), f"ci{youth_checkin.pk}-rating": 5},
    )
    api = api_for(mentor).post(
        f"{API}/matches/{active_match.pk}/checkins/",
        {"checkin": str(youth_checkin.pk), "rating": 5},
        format="json",
    )
    assert page.status_code == 403 and api.status_code == 403
    assert "mentor's check-in only" in api.json()["error"]["message"]
    youth_checkin.refresh_from_db()
    assert youth_checkin.done_on is None and youth_checkin.rating is None
    refused = LogEntry.objects.filter(
        object_pk=str(youth_checkin.pk), additional_data__event="refused"
    )
    assert refused.count() == 2
    assert {e.actor_id for e in refused} == {mentor.user_id}


def test_the_report_counts_what_is_recorded(mworld, active_match, client_for) -> None:
    """Check-ins recorded ahead of their date count (the report read 0/0 with twenty recorded)."""
    for checkin in list(active_match.checkins.filter(done_on__isnull=True)):
        lifecycle.checkin_record(checkin=checkin, rating=4, meets_regularly=True, by=SYSTEM)
    today = timezone.localdate()
    report = programme_report(mworld.programme, today)
    recorded = CheckIn.objects.filter(
        match__programme=mworld.programme, done_on__isnull=False
    ).count()
    assert recorded == 3  # mentor, youth, guardian, all due in a month and done today
    assert report["checkins_done"] == recorded
    due = CheckIn.objects.filter(match__programme=mworld.programme, due_on__lte=today).count()
    assert report["checkins_due"] == recorded + due
    page = client_for(mworld.world.coordinator).get(
        f"/mentoring/programmes/{mworld.programme.pk}/reports/"
    )
    assert page.status_code == 200


def _open_per_party(match: Match) -> dict[str, int]:
    counts: dict[str, int] = {}
    for party in match.checkins.filter(done_on__isnull=True).values_list("party", flat=True):
        counts[party] = counts.get(party, 0) + 1
    return counts


def test_reopening_never_duplicates_open_checkins(mworld, active_match) -> None:
    assert _open_per_party(active_match) == {"mentor": 1, "youth": 1, "guardian": 1}
    for _ in range(2):  # closed then reopened twice (the status set as a closure leaves it)
        Match.objects.filter(pk=active_match.pk).update(status=Match.Status.COMPLETED)
        active_match.refresh_from_db()
        lifecycle.match_reopen(match=active_match, by=SYSTEM)
        assert _open_per_party(active_match) == {"mentor": 1, "youth": 1, "guardian": 1}
    # a check-in left open by a closure (older data) is not doubled by the reopening either
    Match.objects.filter(pk=active_match.pk).update(status=Match.Status.COMPLETED)
    active_match.refresh_from_db()
    lifecycle.match_reopen(match=active_match, by=SYSTEM)
    assert _open_per_party(active_match) == {"mentor": 1, "youth": 1, "guardian": 1}


def _close_quietly(match: Match) -> None:
    """The status a closure leaves, its open check-ins kept (older data did keep them)."""
    Match.objects.filter(pk=match.pk).update(status=Match.Status.COMPLETED)


def test_reopening_twice_by_page_and_api_never_duplicates(
    mworld, active_match, client_for, api_for
) -> None:
    coordinator = mworld.world.coordinator
    for _ in range(2):
        _close_quietly(active_match)
        page = client_for(coordinator).post(
            f"/mentoring/matches/{active_match.pk}/", {"action": "reopen", "note": "again"}
        )
        assert page.status_code == 302
        assert _open_per_party(active_match) == {"mentor": 1, "youth": 1, "guardian": 1}
        _close_quietly(active_match)
        api = api_for(coordinator).post(
            f"{API}/matches/{active_match.pk}/reopen/", {"note": "again"}, format="json"
        )
        assert api.status_code == 200, api.content
        assert _open_per_party(active_match) == {"mentor": 1, "youth": 1, "guardian": 1}


def test_the_database_refuses_a_second_open_checkin_for_one_party(active_match) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(match=active_match, party="youth", due_on=timezone.localdate())
    # a done one beside the open one is history, not a duplicate
    CheckIn.objects.create(
        match=active_match, party="youth", due_on=timezone.localdate(), done_on=timezone.localdate()
    )


STEPS = (
    (ScreeningStep.Kind.INTERVIEW, ""),
    (ScreeningStep.Kind.BACKGROUND, ""),
    (ScreeningStep.Kind.SAFEGUARDING, ""),
    (ScreeningStep.Kind.REFERENCE, "Ref One"),
)


def _applicant(mworld, name: str) -> Mentor:  # type: ignore[no-untyped-def]
    return services.mentor_apply(
        programme=mworld.programme,
        first_name=name,
        last_name="Candidate",
        email=f"{name.lower()}@mentors.test",
        languages=["fr"],
        interests=["football"],
        region="Lille",
        birth_year=1980,
        mode="individual",
        capacity=1,
        motivation="help",
    )


def test_screening_moves_the_status_alike_from_page_api_and_command(
    mworld, client_for, api_for
) -> None:
    coordinator = mworld.world.coordinator
    by_page, by_api, by_command = (_applicant(mworld, n) for n in ("Paula", "Anton", "Carla"))
    statuses: dict[str, list[str]] = {"page": [], "api": [], "command": []}
    for kind, referee in STEPS:
        client_for(coordinator).post(
            f"/mentoring/mentors/{by_page.pk}/",
            {
                "action": "screening",
                "s-kind": kind,
                "s-outcome": "passed",
                "s-referee": referee,
                "s-done_on": timezone.localdate().isoformat(),
            },
        )
        answer = api_for(coordinator).post(
            f"{API}/mentors/{by_api.pk}/screening/",
            {"kind": kind, "outcome": "passed", "referee": referee},
            format="json",
        )
        assert answer.status_code == 200, answer.content
        call_command(
            "record_mentor_screening",
            mentor=str(by_command.pk),
            kind=kind,
            outcome="passed",
            referee=referee,
            by=str(coordinator.pk),
            stdout=StringIO(),
        )
        for channel, mentor in (("page", by_page), ("api", by_api), ("command", by_command)):
            statuses[channel].append(Mentor.objects.get(pk=mentor.pk).status)
        assert answer.json()["status"] == statuses["api"][-1]
    assert statuses["page"] == statuses["api"] == statuses["command"]
    assert statuses["page"][0] == Mentor.Status.SCREENING
    assert statuses["page"][-1] == Mentor.Status.TRAINING  # screened, the training is left
