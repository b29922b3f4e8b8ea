"""Reminders and escalations, run daily by the worker (tasks.py) or `manage.py onboarding_remind`.

Issue 6 point 5: owners are reminded of tasks due (by e-mail and in the app); overdue tasks are
escalated to the coordinator; the template's timed reminders reach the tutor on their day.
Messages carry titles and dates only, never evaluation content.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.notifications import notify
from entrepairs.organisations.models import Membership

from .models import JourneyStatus, JourneyTask, Reminder
from .models.journeys import today
from .rules import coordinator_membership_q

DUE_SOON_DAYS = 1


@dataclass
class Sent:
    reminded: int = 0
    escalated: int = 0
    timed: int = 0


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
            owner__user__isnull=False,
            start_date__lte=on,
            due_date__lte=on + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("owner__user", "journey__newcomer")
    )
    # One message per person and organisation: a scoped token reads its organisation's only.
    by_owner: dict[tuple[Any, Any], list[JourneyTask]] = defaultdict(list)
    for task in due:
        owner_user = task.owner.user if task.owner else None
        if owner_user is not None:
            by_owner[owner_user, task.journey.organisation_id].append(task)
    for (user, organisation_id), tasks in by_owner.items():
        notify(
            recipient=user,
            organisation=organisation_id,
            subject=ngettext(
                "Onboarding: %(count)s task due", "Onboarding: %(count)s tasks due", len(tasks)
            )
            % {"count": len(tasks)},
            body="\n".join(
                f"- {t.title} ({t.journey.newcomer}, {date_format(t.due_date)})" for t in tasks
            ),
            link=reverse("onboarding:my_tasks"),
        )
        sent.reminded += len(tasks)
    JourneyTask.objects.filter(pk__in=[t.pk for ts in by_owner.values() for t in ts]).update(
        reminded_at=now
    )

    overdue = list(
        JourneyTask.objects.select_for_update(of=("self",))
        .filter(**active, done_at=None, escalated_at=None, due_date__lt=on)
        .select_related("journey__coordinator__user", "journey__newcomer")
    )
    fallback = _coordinators({t.journey.organisation_id for t in overdue if not _coord_user(t)})
    by_coordinator: dict[tuple[Any, Any], list[JourneyTask]] = defaultdict(list)
    for task in overdue:
        for user in (
            [_coord_user(task)]
            if _coord_user(task)
            else fallback.get(task.journey.organisation_id, [])
        ):
            by_coordinator[user, task.journey.organisation_id].append(task)
    for (user, organisation_id), tasks in by_coordinator.items():
        notify(
            recipient=user,
            organisation=organisation_id,
            subject=ngettext(
                "Onboarding: %(count)s task overdue",
                "Onboarding: %(count)s tasks overdue",
                len(tasks),
            )
            % {"count": len(tasks)},
            body="\n".join(
                f"- {t.title} ({t.journey.newcomer}, {_('due')} {date_format(t.due_date)})"
                for t in tasks
            ),
            link=reverse("onboarding:dashboard"),
        )
    JourneyTask.objects.filter(pk__in=[t.pk for t in overdue]).update(escalated_at=now)
    sent.escalated = len(overdue)

    timed = list(
        Reminder.objects.select_for_update(of=("self",))
        .filter(**active, sent_at=None, due_date__lte=on, recipient__user__isnull=False)
        .select_related("recipient__user", "journey__newcomer")
    )
    for reminder in timed:
        if reminder.recipient is None or reminder.recipient.user is None:
            continue
        notify(
            recipient=reminder.recipient.user,
            organisation=reminder.journey.organisation_id,
            subject=_("Onboarding reminder: %(message)s") % {"message": reminder.message[:120]},
            body=_("For the journey of %(name)s: %(message)s")
            % {"name": reminder.journey.newcomer, "message": reminder.message},
            link=reverse("onboarding:journey", args=[reminder.journey_id]),
        )
    Reminder.objects.filter(pk__in=[r.pk for r in timed]).update(sent_at=now)
    sent.timed = len(timed)
    return sent


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
