"""Messages about each session, sent by the hourly job (tasks.py) or `manage.py
groups_session_messages` (issue 13 point 5):

- the **convocation**, `GROUP_CONVOCATION_DAYS` (7) days before: an e-mail to each member and
  facilitator with the calendar invitation attached (.ics, METHOD:REQUEST), and the same in the app;
  a moved session is convoked again (a message is sent once per session and start time);
- the **reminder** the day before (in the app and by e-mail);
- the **attendance reminder** to the facilitators once the session has ended, while some member's
  attendance is not recorded (sessions ended in the last 7 days, so an old gap is not re-sent).

E-mails carry no confidential text (DECISIONS.md): the group's name, the date, the place and a
link. Each message is marked in `SessionMessage` in the transaction that sends it, so a rerun or
a second worker sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from entrepairs.core.links import absolute_url
from entrepairs.core.mail import recipient_language, send_in_language
from entrepairs.core.notifications import When, msg, notify, when_words
from entrepairs.core.services import service
from entrepairs.groups import notification_kinds as kinds
from entrepairs.people.models import Person

from .models import Attendance, GroupMember, Session, SessionMessage

ATTENDANCE_REMINDER_WINDOW = timedelta(days=7)


def convocation_days() -> int:
    return int(getattr(settings, "GROUP_CONVOCATION_DAYS", 7))


@dataclass
class Sent:
    convocations: int = 0
    reminders: int = 0
    attendance_reminders: int = 0


def when_text(session: Session) -> str:
    """ "12 janvier 2027, 14 h 00 – 17 h 30", in the active language."""
    return when_words(session.starts_at, session.ends_at)  # one home: core.notifications


def invitation(session: Session, person: Person, sequence: int) -> bytes:
    """A one-event calendar invitation (RFC 5546 REQUEST) the mail client offers to add."""
    cal = Calendar()
    cal.add("prodid", "-//Entrepairs//groups//FR")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"{session.pk}@entrepairs")
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.group.name)
    event.add("location", session.place)
    event.add("url", absolute_url(reverse("groups:session", args=[session.pk])))
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText("Entrepairs")
    event["organizer"] = organizer
    if person.user and person.user.email:
        attendee = vCalAddress(f"mailto:{person.user.email}")
        attendee.params["cn"] = vText(str(person))
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    return cal.to_ical()


def _people(session: Session) -> list[Person]:
    """Active members and facilitators of the session's group who have an account."""
    group = session.group
    people = Person.objects.filter(
        Q(group_memberships__group=group, group_memberships__status=GroupMember.Status.ACTIVE)
        | Q(facilitated_groups=group),
        user__isnull=False,
    ).select_related("user")
    return list({p.pk: p for p in people}.values())


def _claim(session: Session, kind: str, recipients: int) -> bool:
    """Mark the message sent for this session and start; False if it already was."""
    try:
        with transaction.atomic():
            SessionMessage.objects.create(
                session=session, kind=kind, for_start=session.starts_at, recipients=recipients
            )
    except IntegrityError:
        return False
    return True


def send_convocation(session: Session) -> int:
    people = _people(session)
    link = reverse("groups:session", args=[session.pk])
    with transaction.atomic():
        if not _claim(session, SessionMessage.Kind.CONVOCATION, len(people)):
            return 0
        subject = msg(
            "Convocation: %(group)s, %(day)s",
            group=session.group.name,
            day=timezone.localtime(session.starts_at).date(),
        )
        body = msg(
            "You are expected at the session of %(group)s on %(when)s, %(place)s. The calendar "
            "invitation is attached.",
            group=session.group.name,
            when=When(session.starts_at, session.ends_at),
            place=session.place,
        )
        sequence = int(timezone.now().timestamp()) % 2**31  # a later convocation replaces it
        for person in people:
            notify(
                kind=kinds.CONVOCATION,
                recipient=person.user,
                organisation=session.group.organisation_id,
                subject=subject,
                body=body,
                link=link,
                email=False,  # the e-mail below carries the invitation
            )
            # The e-mail in the recipient's language, as notifications' own copies (core.mail).
            send_in_language(
                recipient_language(person.user),
                to=[person.user.email],  # type: ignore[union-attr]
                subject=subject.render,
                body=lambda: f"{body.render()}\n\n{absolute_url(link)}\n",
                attachments=[
                    (
                        "seance.ics",
                        invitation(session, person, sequence),
                        "text/calendar; method=REQUEST; charset=utf-8",
                    )
                ],
            )
    return len(people)


def send_reminder(session: Session) -> int:
    people = _people(session)
    with transaction.atomic():
        if not _claim(session, SessionMessage.Kind.REMINDER, len(people)):
            return 0
        for person in people:
            notify(
                kind=kinds.SESSION_TOMORROW,
                recipient=person.user,
                organisation=session.group.organisation_id,
                subject=msg("Tomorrow: %(group)s", group=session.group.name),
                body=msg(
                    "Reminder: the session of %(group)s is tomorrow, %(when)s, %(place)s.",
                    group=session.group.name,
                    when=When(session.starts_at, session.ends_at),
                    place=session.place,
                ),
                link=reverse("groups:session", args=[session.pk]),
            )
    return len(people)


def send_attendance_reminder(session: Session) -> int:
    facilitators = [p for p in session.group.facilitators.select_related("user") if p.user]
    with transaction.atomic():
        if not _claim(session, SessionMessage.Kind.ATTENDANCE_REMINDER, len(facilitators)):
            return 0
        for person in facilitators:
            notify(
                kind=kinds.ATTENDANCE_TO_RECORD,
                recipient=person.user,
                organisation=session.group.organisation_id,
                subject=msg("Record the attendance: %(group)s", group=session.group.name),
                body=msg(
                    "The session of %(group)s on %(when)s is over: record who attended, or have "
                    "the members sign the attendance.",
                    group=session.group.name,
                    when=When(session.starts_at, session.ends_at),
                ),
                link=reverse("groups:attendance", args=[session.pk]),
                about=session,
            )
    return len(facilitators)


def _already_sent(kind: str) -> Exists:
    return Exists(
        SessionMessage.objects.filter(
            session_id=OuterRef("pk"), kind=kind, for_start=OuterRef("starts_at")
        )
    )


def due_convocations(now: datetime) -> Any:
    return (
        Session.objects.filter(
            status=Session.Status.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(days=convocation_days()),
        )
        .exclude(_already_sent(SessionMessage.Kind.CONVOCATION))
        .select_related("group", "site")
        .order_by("starts_at")
    )


def due_reminders(now: datetime) -> Any:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return (
        Session.objects.filter(
            status=Session.Status.PLANNED, starts_at__gt=now, starts_at__date=tomorrow
        )
        .exclude(_already_sent(SessionMessage.Kind.REMINDER))
        .select_related("group", "site")
        .order_by("starts_at")
    )


def due_attendance_reminders(now: datetime) -> Any:
    unrecorded = GroupMember.objects.filter(
        group_id=OuterRef("group_id"), status=GroupMember.Status.ACTIVE
    ).exclude(
        Exists(
            Attendance.objects.filter(session_id=OuterRef(OuterRef("pk")), member_id=OuterRef("pk"))
        )
    )
    return (
        Session.objects.filter(ends_at__lte=now, ends_at__gt=now - ATTENDANCE_REMINDER_WINDOW)
        .exclude(status=Session.Status.CANCELLED)
        .filter(Exists(unrecorded))
        .exclude(_already_sent(SessionMessage.Kind.ATTENDANCE_REMINDER))
        .select_related("group")
        .order_by("ends_at")
    )


@service
def send_session_messages(*, now: datetime | None = None) -> Sent:
    """Every message due now, each once (see the module's docstring)."""
    now = now or timezone.now()
    sent = Sent()
    for session in due_convocations(now):
        sent.convocations += send_convocation(session)
    for session in due_reminders(now):
        sent.reminders += send_reminder(session)
    for session in due_attendance_reminders(now):
        sent.attendance_reminders += send_attendance_reminder(session)
    return sent
