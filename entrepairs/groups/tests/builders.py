"""Builders the groups' fixtures and the project's access world share."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from ..models import Session


def past_and_future_sessions(group: Any, site: Any) -> tuple[Session, Session]:
    """The group's founding session a week ago and its next one in three weeks, at the site."""
    now = timezone.now()
    past = Session.objects.create(
        group=group,
        number=1,
        starts_at=now - timedelta(days=7),
        ends_at=now - timedelta(days=7) + timedelta(hours=3),
        is_founding=True,
        site=site,
        room="Salle calme",
    )
    future = Session.objects.create(
        group=group,
        number=2,
        starts_at=now + timedelta(days=21),
        ends_at=now + timedelta(days=21, hours=3),
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
