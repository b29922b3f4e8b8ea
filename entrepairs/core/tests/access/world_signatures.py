"""Attendance signatures of a side (issue 13 §5): yesterday's day-long session, still open for
signing (until the end of today), where the professional and the colleague attended and signed the
morning (the colleague on the facilitator's device); yesterday evening's session the professional
missed; the founding session a week ago, whose signing window is closed."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from .world import Side


def _session(group: Any, site: Any, day: Any, start: time, end: time, number: int) -> Any:
    from entrepairs.groups.models import Session

    tz = timezone.get_current_timezone()
    return Session.objects.create(
        group=group,
        number=number,
        starts_at=datetime.combine(day, start, tzinfo=tz),
        ends_at=datetime.combine(day, end, tzinfo=tz),
        status=Session.Status.HELD,
        site=site,
        room="Salle",
    )


def add_signatures(side: Side) -> None:
    from entrepairs.groups import services as groups
    from entrepairs.groups.signatures import attendance_sign, half_days

    o, P = side.objects, side.people
    group, past, member, colleague = o["group"], o["session"], o["member"], o["member_other"]
    facilitator = P["facilitator"]
    yesterday = timezone.localdate() - timedelta(days=1)
    tz = timezone.get_current_timezone()
    signing = _session(group, past.site, yesterday, time(9), time(17), 90)
    groups.attendance_record(
        session=signing, marks={member.pk: "present", colleague.pk: "present"}, by=facilitator
    )
    morning, afternoon = half_days(signing)
    own = attendance_sign(
        session=signing,
        member=member,
        half_day=morning.key,
        by=member.person,
        own_device=True,
        typed_name=member.person.full_name,
        given_at=datetime.combine(yesterday, time(10), tzinfo=tz),
    )
    other = attendance_sign(
        session=signing,
        member=colleague,
        half_day=morning.key,
        by=facilitator,
        own_device=False,
        typed_name=colleague.person.full_name,
        given_at=datetime.combine(yesterday, time(10, 5), tzinfo=tz),
    )
    missed = _session(group, past.site, yesterday, time(18), time(20), 91)
    groups.attendance_record(session=missed, marks={member.pk: "absent"}, by=facilitator)
    o.update(
        signing=signing,
        signing_missed=missed,
        signature_own=own,
        signature_other=other,
        signing_pm=afternoon.key,
        signing_missed_slot=half_days(missed)[0].key,
        closed_slot=half_days(past)[0].key,
    )


def add_newsletter(side: Side) -> None:
    """A public sign-up waiting for its confirmation, and a confirmed one (its unsubscribe link)."""
    from entrepairs.mailing import services as mailing

    org = side.org
    pending = mailing.subscribe_public(provider=org, email=f"attente.{side.tag.lower()}@exemple.fr")
    confirmed = mailing.subscribe_public(
        provider=org, email=f"lecteur.{side.tag.lower()}@exemple.fr"
    )
    assert pending is not None and confirmed is not None
    mailing.subscription_confirm(token=mailing.confirmation_token(confirmed))
    side.objects.update(
        newsletter_pending=pending,
        newsletter_confirm_token=mailing.confirmation_token(pending),
        newsletter_reader=confirmed,
    )
