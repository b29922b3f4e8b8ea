"""Builders the groups' fixtures and the project's access world share."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from ..models import Session


def past_and_future_sessions(group: Any, site: Any) -> tuple[Session, Session]:
    """The group's founding session a week ago (ended within the attendance reminders' week) and
    its next one in about three weeks from 14:00 to 17:00 on an ordinary day, at the site. The next
    one followed the time of day the suite ran: at 21:42 on 3 December it ran past midnight into
    Christmas Day, and moving it to another room asked for a holiday reason."""
    now = timezone.now()
    before = now - timedelta(days=7)
    afternoon = datetime.combine(timezone.localdate() + timedelta(days=21), time(14, 0))
    after = ordinary_day(group, timezone.make_aware(afternoon))
    past = Session.objects.create(
        group=group,
        number=1,
        starts_at=before,
        ends_at=before + timedelta(hours=3),
        is_founding=True,
        site=site,
        room="Salle calme",
    )
    future = Session.objects.create(
        group=group,
        number=2,
        starts_at=after,
        ends_at=after + timedelta(hours=3),
        site=site,
        room="Salle calme",
    )
    return past, future


def ordinary_day(group: Any, moment: Any) -> Any:
    """`moment`, or the same time on the first following day that is neither a public holiday nor
    a closure day of the group's organisation (a move there needs no reason, whatever today is)."""
    from ..planning import day_off

    while day_off(group, timezone.localtime(moment).date()) is not None:
        moment += timedelta(days=1)
    return moment
