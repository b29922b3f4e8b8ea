"""Reminders and escalations, run daily by the worker (tasks.py) or `manage.py onboarding_remind`.

Issue 6 point 5: owners are reminded of tasks due (by e-mail and in the app); overdue tasks are
escalated to the coordinator; the template's timed reminders reach the tutor on their day.
Messages carry titles and dates only, never evaluation content.

Issue 14 point 5: people with an account get the message in the app (and its e-mail copy);
people without one whose e-mail is known get an e-mail with a short subject and no name
(DECISIONS "Confidentiality"); a welcome-kit provider's e-mail carries a signed link to mark
their item ready without signing in (kit_links.py).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.dates import shown_date
from entrepairs.core.mail import recipient_language, send_in_language
from entrepairs.core.notifications import lines, msg, msg_plural, notify
from entrepairs.onboarding import notification_kinds as kinds
from entrepairs.organisations.models import Membership

from .kit_links import kit_link_url
from .models import JourneyStatus, JourneyTask, KitCheck, Reminder
from .models.journeys import today
from .rules import coordinator_membership_q

DUE_SOON_DAYS = 1
# Kit providers are reminded a week before day one (seed 002: the kit is ready on day one).
KIT_REMIND_DAYS = 7


@dataclass
class Sent:
    reminded: int = 0
    escalated: int = 0
    timed: int = 0
    kit: int = 0
    emailed: int = 0


def _newcomers(items: list[Any]) -> str:
    """Whose arrival the tasks or kit items are for, each named once (colleagues: full names)."""
    return ", ".join(sorted({str(item.journey.newcomer) for item in items}))


def _has_account(person: Any) -> bool:
    return person is not None and person.user_id is not None and person.user.is_active


def email_without_account(
    person: Any, subject: Callable[[], str], lines: Callable[[], list[str]], link: str = ""
) -> bool:
    """An e-mail to a person without an account: a short subject, lines without any name, and a
    link (absolute) when there is one they can follow; worded in the person's language (the
    callables are called in it: core.mail). Sent once the transaction commits."""
    if not person.email:
        return False
    send_in_language(
        recipient_language(person),
        to=[person.email],
        subject=subject,
        body=lambda: "\n".join(lines()) + (f"\n\n{link}" if link else "") + "\n",
    )
    return True


# The words of the e-mails to people without an account, called in their language (core.mail).
def _due_subject(tasks: list[Any]) -> str:
    return ngettext(
        "Onboarding: %(count)s task due", "Onboarding: %(count)s tasks due", len(tasks)
    ) % {"count": len(tasks)}


def _due_lines(tasks: list[Any]) -> list[str]:
    return [f"- {t.title} ({shown_date(t.due_date)})" for t in tasks] + [
        "",
        _("Tell the onboarding coordinator when it is done."),
    ]


def _overdue_subject(tasks: list[Any]) -> str:
    return ngettext(
        "Onboarding: %(count)s task overdue", "Onboarding: %(count)s tasks overdue", len(tasks)
    ) % {"count": len(tasks)}


def _overdue_lines(tasks: list[Any]) -> list[str]:
    return [f"- {t.title} ({_('due')} {shown_date(t.due_date)})" for t in tasks]


def _reminder_subject() -> str:
    return _("Onboarding reminder")


def _kit_subject() -> str:
    return _("Welcome kit: an item to prepare")


def _kit_lines(item: Any) -> list[str]:
    return [
        f"- {item.label} ({shown_date(item.journey.start_date)})",
        "",
        _("When it is ready, confirm it with this link (no sign-in needed):"),
    ]


@transaction.atomic
def send_due_notifications(*, on: datetime.date | None = None) -> Sent:
    on = on or today()
    now = timezone.now()
    sent = Sent()
    active = {"journey__status": JourneyStatus.ACTIVE}

    due = (
        JourneyTask.objects.select_for_update(of=("self",))
        .filter(
            **active,
            done_at=None,
            reminded_at=None,
            start_date__lte=on,
            due_date__lte=on + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .filter(Q(owner__user__isnull=False) | ~Q(owner__email=""), owner__isnull=False)
        .select_related("owner__user", "journey__newcomer")
    )
    # One message per person and organisation: a scoped token reads its organisation's only.
    by_owner: dict[tuple[Any, Any], list[JourneyTask]] = defaultdict(list)
    by_address: dict[Any, list[JourneyTask]] = defaultdict(list)
    for task in due:
        owner = task.owner
        if owner is not None and _has_account(owner):
            by_owner[owner.user, task.journey.organisation_id].append(task)
        elif owner is not None and owner.user_id is None:
            by_address[owner].append(task)
    for person, tasks in by_address.items():
        email_without_account(
            person,
            partial(_due_subject, tasks),
            partial(_due_lines, tasks),
        )
        sent.reminded += len(tasks)
        sent.emailed += 1
    for (user, organisation_id), tasks in by_owner.items():
        notify(
            kind=kinds.TASKS_DUE,
            recipient=user,
            organisation=organisation_id,
            subject=msg_plural(
                "Onboarding: %(count)s task due", "Onboarding: %(count)s tasks due", len(tasks)
            ),
            title=msg_plural(
                "Onboarding: %(count)s task due for %(names)s",
                "Onboarding: %(count)s tasks due for %(names)s",
                len(tasks),
                names=_newcomers(tasks),
            ),
            body=lines(
                *(
                    msg(
                        "- %(task)s (%(name)s, %(date)s)",
                        task=t.title,
                        name=t.journey.newcomer,
                        date=t.due_date,
                    )
                    for t in tasks
                )
            ),
            link=reverse("onboarding:my_tasks"),
        )
        sent.reminded += len(tasks)
    reminded = [t.pk for ts in [*by_owner.values(), *by_address.values()] for t in ts]
    JourneyTask.objects.filter(pk__in=reminded).update(reminded_at=now)

    overdue = list(
        JourneyTask.objects.select_for_update(of=("self",))
        .filter(**active, done_at=None, escalated_at=None, due_date__lt=on)
        .select_related("journey__coordinator__user", "journey__newcomer")
    )
    fallback = _coordinators({t.journey.organisation_id for t in overdue if not _coord_user(t)})
    by_coordinator: dict[tuple[Any, Any], list[JourneyTask]] = defaultdict(list)
    by_coordinator_address: dict[Any, list[JourneyTask]] = defaultdict(list)
    for task in overdue:
        coordinator = task.journey.coordinator
        if coordinator is not None and coordinator.user_id is None:
            by_coordinator_address[coordinator].append(task)
        for user in (
            [_coord_user(task)]
            if _coord_user(task)
            else fallback.get(task.journey.organisation_id, [])
        ):
            by_coordinator[user, task.journey.organisation_id].append(task)
    for (user, organisation_id), tasks in by_coordinator.items():
        notify(
            kind=kinds.TASKS_OVERDUE,
            recipient=user,
            organisation=organisation_id,
            subject=msg_plural(
                "Onboarding: %(count)s task overdue",
                "Onboarding: %(count)s tasks overdue",
                len(tasks),
            ),
            title=msg_plural(
                "Onboarding: %(count)s task overdue for %(names)s",
                "Onboarding: %(count)s tasks overdue for %(names)s",
                len(tasks),
                names=_newcomers(tasks),
            ),
            body=lines(
                *(
                    msg(
                        "- %(task)s (%(name)s, due %(date)s)",
                        task=t.title,
                        name=t.journey.newcomer,
                        date=t.due_date,
                    )
                    for t in tasks
                )
            ),
            link=reverse("onboarding:dashboard"),
        )
    for person, tasks in by_coordinator_address.items():
        sent.emailed += email_without_account(
            person,
            partial(_overdue_subject, tasks),
            partial(_overdue_lines, tasks),
        )
    JourneyTask.objects.filter(pk__in=[t.pk for t in overdue]).update(escalated_at=now)
    sent.escalated = len(overdue)

    timed = list(
        Reminder.objects.select_for_update(of=("self",))
        .filter(**active, sent_at=None, due_date__lte=on, recipient__isnull=False)
        .filter(Q(recipient__user__isnull=False) | ~Q(recipient__email=""))
        .select_related("recipient__user", "journey__newcomer")
    )
    for reminder in timed:
        if reminder.recipient is None:
            continue
        if reminder.recipient.user is None:
            sent.emailed += email_without_account(
                reminder.recipient,
                _reminder_subject,
                partial(list, [reminder.message]),
            )
            continue
        notify(
            kind=kinds.REMINDER,
            recipient=reminder.recipient.user,
            organisation=reminder.journey.organisation_id,
            subject=msg("Onboarding reminder: %(message)s", message=reminder.message[:120]),
            title=msg(
                "Onboarding of %(name)s: %(message)s",
                name=reminder.journey.newcomer,
                message=reminder.message,
            ),
            body=msg(
                "For the journey of %(name)s: %(message)s",
                name=reminder.journey.newcomer,
                message=reminder.message,
            ),
            link=reverse("onboarding:journey", args=[reminder.journey_id]),
        )
    Reminder.objects.filter(pk__in=[r.pk for r in timed]).update(sent_at=now)
    sent.timed = len(timed)
    _remind_kit_providers(on, now, sent)
    return sent


def _remind_kit_providers(on: datetime.date, now: Any, sent: Sent) -> None:
    """Once per item, a week before day one: the provider's items not ready yet; in the app for
    an account, by e-mail with a signed link (one per item) for a provider without one."""
    items = list(
        KitCheck.objects.select_for_update(of=("self",))
        .filter(
            journey__status=JourneyStatus.ACTIVE,
            ready_at=None,
            reminded_at=None,
            provider__isnull=False,
            journey__start_date__lte=on + datetime.timedelta(days=KIT_REMIND_DAYS),
        )
        .filter(Q(provider__user__isnull=False) | ~Q(provider__email=""))
        .select_related("provider__user", "journey__newcomer")
    )
    by_user: dict[tuple[Any, Any], list[KitCheck]] = defaultdict(list)
    for item in items:
        provider = item.provider
        if provider is not None and _has_account(provider):
            by_user[provider.user, item.journey.organisation_id].append(item)
        elif provider is not None and provider.user_id is None:
            sent.emailed += email_without_account(
                provider,
                _kit_subject,
                partial(_kit_lines, item),
                kit_link_url(item),
            )
    for (user, organisation_id), mine in by_user.items():
        notify(
            kind=kinds.KIT_TO_PREPARE,
            recipient=user,
            organisation=organisation_id,
            subject=msg_plural(
                "Welcome kit: %(count)s item to prepare",
                "Welcome kit: %(count)s items to prepare",
                len(mine),
            ),
            # In the app only: the e-mail to a provider outside the organisation names nobody.
            title=msg_plural(
                "Welcome kit: %(count)s item to prepare for %(names)s",
                "Welcome kit: %(count)s items to prepare for %(names)s",
                len(mine),
                names=_newcomers(mine),
            ),
            body=lines(
                *(
                    msg("- %(item)s (%(date)s)", item=i.label, date=i.journey.start_date)
                    for i in mine
                )
            ),
            link=reverse("onboarding:my_tasks"),
        )
    KitCheck.objects.filter(pk__in=[i.pk for i in items]).update(reminded_at=now)
    sent.kit = len(items)


def _coord_user(task: JourneyTask) -> Any:
    coordinator = task.journey.coordinator
    return coordinator.user if coordinator is not None and coordinator.user_id else None


def _coordinators(org_ids: set[Any]) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = defaultdict(list)
    for m in (
        Membership.objects.active()
        .filter(coordinator_membership_q(org_ids), person__user__isnull=False)
        .select_related("person__user")
    ):
        found[m.organisation_id].append(m.person.user)
    return found
