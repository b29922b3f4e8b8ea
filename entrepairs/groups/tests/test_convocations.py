"""Convocations with the calendar invitation, the reminder the day before and the facilitators'
attendance reminder: each sent once, to the right people, with no confidential text."""

from datetime import timedelta

from django.core.management import call_command

from entrepairs.core.models import Notification

from .. import services
from ..convocations import send_session_messages
from ..models import SessionMessage
from .builders import ordinary_day


def run(now, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return send_session_messages(now=now)


def test_it_convokes_every_member_and_facilitator_with_the_calendar_invitation(
    gw, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    session = gw.future
    sent = run(session.starts_at - timedelta(days=3), django_capture_on_commit_callbacks)
    people = len(gw.members) + 1  # the six members and the facilitator
    assert sent.convocations == people
    convocations = [m for m in mailoutbox if "Convocation" in m.subject]
    assert len(convocations) == people
    mail = convocations[0]
    assert "Supervision Lille" in mail.subject and f"/groups/sessions/{session.pk}/" in mail.body
    assert "Siège, Salle calme" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    ics = content.decode() if isinstance(content, bytes) else content
    assert "METHOD:REQUEST" in ics and f"UID:{session.pk}@entrepairs" in ics
    assert "BEGIN:VEVENT" in ics and "ATTENDEE" in ics
    # In the app too, and never twice.
    assert Notification.objects.filter(subject__startswith="Convocation").count() == people
    again = run(session.starts_at - timedelta(days=2), django_capture_on_commit_callbacks)
    assert again.convocations == 0 and len(mailoutbox) == people


def test_it_convokes_nobody_too_early_and_again_after_a_move(
    gw, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    session = gw.future
    early = run(session.starts_at - timedelta(days=10), django_capture_on_commit_callbacks)
    assert early.convocations == 0
    run(session.starts_at - timedelta(days=5), django_capture_on_commit_callbacks)
    # A day later, or the next day that is no public holiday (the test runs on any date).
    shift = ordinary_day(gw.group, session.starts_at + timedelta(days=1)) - session.starts_at
    moved = services.session_move(
        session=session,
        starts_at=session.starts_at + shift,
        ends_at=session.ends_at + shift,
        site=gw.site,
        room="Salle calme",
    )
    again = run(moved.starts_at - timedelta(days=5), django_capture_on_commit_callbacks)
    assert again.convocations == len(gw.members) + 1
    assert SessionMessage.objects.filter(session=session, kind="convocation").count() == 2


def test_it_reminds_everyone_the_day_before(gw, django_capture_on_commit_callbacks) -> None:
    session = gw.future
    sent = run(session.starts_at - timedelta(days=1), django_capture_on_commit_callbacks)
    assert sent.reminders == len(gw.members) + 1
    reminder = Notification.objects.filter(subject__startswith="Tomorrow").first()
    assert reminder is not None and "Supervision Lille" in reminder.subject
    assert reminder.recipient in {m.person.user for m in gw.members} | {gw.w.facilitator.user}
    assert (
        run(session.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks).reminders
        == 0
    )


def test_it_reminds_the_facilitator_to_record_attendance_once(
    gw, django_capture_on_commit_callbacks
) -> None:
    sent = run(None, django_capture_on_commit_callbacks)  # the past session ended 6 days ago
    assert sent.attendance_reminders == 1
    told = Notification.objects.get(subject__startswith="Record the attendance")
    assert told.recipient == gw.w.facilitator.user
    assert told.link == f"/groups/sessions/{gw.past.pk}/attendance/"
    assert run(None, django_capture_on_commit_callbacks).attendance_reminders == 0


def test_it_does_not_remind_when_every_member_is_recorded(
    gw, django_capture_on_commit_callbacks
) -> None:
    services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    assert run(None, django_capture_on_commit_callbacks).attendance_reminders == 0


def test_the_command_and_the_schedule_send_them(gw, capsys) -> None:
    from entrepairs.core.scheduling import load_schedules

    call_command("groups_session_messages")
    assert "attendance reminders 1" in capsys.readouterr().out
    assert "entrepairs.groups.tasks.send_session_messages" in load_schedules()
