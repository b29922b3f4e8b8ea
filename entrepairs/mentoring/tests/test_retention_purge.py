"""Issue 14 point 3, the end of a match's retention period (GDPR minimisation): once the match
has ended and the agreement's `removed_days_after_end` are over, what was shared with the mentor
for the match is erased by the nightly task (or the command), the report keeps its figures, the
purge runs once (idempotent) and the audit trail says what was erased without the content."""

import io
from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import (
    CheckIn,
    ContactLog,
    Match,
    ProgressNote,
    SituationChange,
)
from entrepairs.mentoring.reports import programme_report
from entrepairs.mentoring.tasks import mentoring_retention_purge

pytestmark = pytest.mark.django_db
SECRET = "Lina a parlé de sa mère"  # a free text that must leave the database


def _shared_texts(mworld: Any, match: Match) -> dict[str, Any]:
    youth = mworld.youth
    contact = ContactLog.objects.create(
        match=match,
        kind="outing",
        duration_minutes=90,
        place="Cinéma de Roubaix",
        note=SECRET,
        arranged_by=youth.guardian,
        recorded_by=mworld.mentor.person,
    )
    mentor_s = match.checkins.get(party="mentor")
    CheckIn.objects.filter(pk=mentor_s.pk).update(
        done_on=timezone.localdate() - timedelta(days=60), rating=4, note=SECRET
    )
    youth_s = match.checkins.get(party="youth")
    CheckIn.objects.filter(pk=youth_s.pk).update(
        done_on=timezone.localdate() - timedelta(days=60), rating=5, note="Le jeune va bien"
    )
    by_mentor = ProgressNote.objects.create(
        match=match, youth=youth, text=SECRET, author=mworld.mentor.person
    )
    by_agency = ProgressNote.objects.create(
        match=match, youth=youth, text="Bilan de l'ASE", author=mworld.world.worker_b
    )
    change = SituationChange.objects.create(
        youth=youth,
        kind="situation",
        happened_on=timezone.localdate() - timedelta(days=70),
        summary_for_mentor="Lina change de collège",
        note="Note du dossier",
    )
    return {
        "contact": contact,
        "mentor_s": mentor_s,
        "youth_s": youth_s,
        "by_mentor": by_mentor,
        "by_agency": by_agency,
        "change": change,
    }


def _end(match: Match, days_ago: int) -> None:
    lifecycle.match_close(
        match=match,
        reason="mentor_moving",
        conversation_on=timezone.localdate(),
        conversation="Le mentor déménage.",
        by=SYSTEM,
    )
    Match.objects.filter(pk=match.pk).update(
        ended_on=timezone.localdate() - timedelta(days=days_ago)
    )


def _purges() -> Any:
    return LogEntry.objects.filter(additional_data__event="purged")


def test_nothing_is_erased_within_the_agreed_days(mworld, active_match) -> None:
    rows = _shared_texts(mworld, active_match)
    _end(active_match, days_ago=30)  # the agreement keeps them 30 days
    assert mentoring_retention_purge.call() == 0
    rows["contact"].refresh_from_db()
    assert rows["contact"].note == SECRET
    assert not _purges().exists()


def test_after_the_agreed_days_the_task_erases_what_the_mentor_saw_and_keeps_the_figures(
    mworld, active_match
) -> None:
    rows = _shared_texts(mworld, active_match)
    _end(active_match, days_ago=31)
    report_before = programme_report(mworld.programme, timezone.localdate())
    assert mentoring_retention_purge.call() == 1
    contact, mentor_s, youth_s, by_mentor, by_agency, change = (
        type(o).objects.get(pk=o.pk) for o in rows.values()
    )
    assert (contact.note, contact.place, contact.arranged_by_id) == ("", "", None)
    assert (contact.kind, contact.duration_minutes) == ("outing", 90)  # figures stay
    assert (mentor_s.note, mentor_s.rating) == ("", 4)
    assert by_mentor.text == "" and change.summary_for_mentor == ""
    # The youth's file keeps what the mentor never read.
    assert youth_s.note == "Le jeune va bien" and by_agency.text == "Bilan de l'ASE"
    assert change.note == "Note du dossier"
    assert programme_report(mworld.programme, timezone.localdate()) == report_before
    match = Match.objects.get(pk=active_match.pk)
    assert match.shared_data_purged_on == timezone.localdate()
    (entry,) = _purges()
    assert entry.object_pk == str(active_match.pk)
    assert entry.additional_data["counts"] == {
        "contacts": 1,
        "mentor_checkins": 1,
        "mentor_notes": 1,
        "situation_summaries": 1,
    }
    assert entry.additional_data["organisation"] == str(active_match.organisation_id)
    assert SECRET not in str(entry.additional_data) and "Cinéma" not in entry.object_repr


def test_the_purge_is_idempotent(mworld, active_match) -> None:
    _shared_texts(mworld, active_match)
    _end(active_match, days_ago=45)
    assert mentoring_retention_purge.call() == 1
    assert mentoring_retention_purge.call() == 0
    assert _purges().count() == 1


def test_the_command_lists_counts_in_a_dry_run_then_erases(mworld, active_match) -> None:
    rows = _shared_texts(mworld, active_match)
    _end(active_match, days_ago=31)
    out = io.StringIO()
    call_command("purge_mentoring_shared_data", "--dry-run", stdout=out)
    assert "Would be erased (dry run)" in out.getvalue()
    assert "Matches past their retention period : 1" in out.getvalue()
    assert "Contact log entries : 1" in out.getvalue()
    assert "Progress notes by the mentor : 1" in out.getvalue()
    rows["contact"].refresh_from_db()
    assert rows["contact"].note == SECRET and not _purges().exists()
    out = io.StringIO()
    call_command("purge_mentoring_shared_data", stdout=out)
    assert "Erased:" in out.getvalue() and "Contact log entries : 1" in out.getvalue()
    rows["contact"].refresh_from_db()
    assert rows["contact"].note == ""
    assert _purges().get().additional_data["source"] == "command"


def test_a_shorter_agreement_erases_sooner_and_the_day_can_be_given(mworld, active_match) -> None:
    mworld.agreement.removed_days_after_end = 0
    mworld.agreement.save(update_fields=["removed_days_after_end"])
    rows = _shared_texts(mworld, active_match)
    _end(active_match, days_ago=1)
    out = io.StringIO()
    ended = timezone.localdate() - timedelta(days=1)
    call_command("purge_mentoring_shared_data", "--today", ended.isoformat(), stdout=out)
    # the day of the end itself: still shared
    assert "Matches past their retention period : 0" in out.getvalue()
    assert mentoring_retention_purge.call() == 1
    rows["by_mentor"].refresh_from_db()
    assert rows["by_mentor"].text == ""


def test_an_open_match_and_another_open_match_of_the_youth_keep_their_texts(
    mworld, active_match
) -> None:
    rows = _shared_texts(mworld, active_match)
    Match.objects.filter(pk=active_match.pk).update(ended_on=date(2020, 1, 1))  # still active
    assert mentoring_retention_purge.call() == 0
    rows["contact"].refresh_from_db()
    assert rows["contact"].note == SECRET


def test_reopening_starts_a_new_retention_period(mworld, active_match) -> None:
    _shared_texts(mworld, active_match)
    _end(active_match, days_ago=40)
    assert mentoring_retention_purge.call() == 1
    lifecycle.match_reopen(match=Match.objects.get(pk=active_match.pk), by=SYSTEM)
    assert Match.objects.get(pk=active_match.pk).shared_data_purged_on is None


def test_the_page_and_the_api_say_when_the_shared_data_was_erased(
    mworld, active_match, client_for, api_for
) -> None:
    _shared_texts(mworld, active_match)
    _end(active_match, days_ago=31)
    coordinator = mworld.world.coordinator
    before = client_for(coordinator).get(f"/mentoring/matches/{active_match.pk}/")
    assert b"shared-data-purged" not in before.content
    mentor_page = client_for(mworld.mentor.person).get(f"/mentoring/matches/{active_match.pk}/")
    assert SECRET in mentor_page.content.decode()  # the mentor's own texts, until the purge
    assert mentoring_retention_purge.call() == 1
    page = client_for(coordinator).get(f"/mentoring/matches/{active_match.pk}/")
    assert b'id="shared-data-purged"' in page.content
    api = api_for(coordinator).get(f"/api/v1/mentoring/matches/{active_match.pk}/").json()
    assert api["shared_data_purged_on"] == timezone.localdate().isoformat()
    mentor_page = client_for(mworld.mentor.person).get(f"/mentoring/matches/{active_match.pk}/")
    assert mentor_page.status_code == 200
    assert SECRET not in mentor_page.content.decode()
    assert "Cinéma de Roubaix" not in mentor_page.content.decode()


def test_a_new_open_match_of_the_youth_keeps_the_situation_summaries(mworld, active_match) -> None:
    rows = _shared_texts(mworld, active_match)
    _end(active_match, days_ago=31)
    new_mentor = mworld.approved_mentor("Nora", "Nouvelle")
    lifecycle.match_create(
        by=SYSTEM,
        programme=mworld.programme,
        mentors=[new_mentor],
        youths=[mworld.youth],
        mode="individual",
    )
    assert mentoring_retention_purge.call() == 1
    rows["change"].refresh_from_db()
    rows["contact"].refresh_from_db()
    assert rows["change"].summary_for_mentor == "Lina change de collège"  # still shared
    assert rows["contact"].note == ""  # the ended match's own texts are erased
