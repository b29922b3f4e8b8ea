"""The rules of a group's year, in one place (issue 13 §3): its programme year, 6 to 24 sessions a
programme year counted across every series and single session, public holidays and closure days
kept only with a reason, the founding session and the numbering by date.

Every write that adds, moves or cancels a session (services.plan_year, session_add, session_move,
session_cancel, group_set_programme_year, groups_settings_save) calls these functions; pages and
the API never count or check a day themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import holidays
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entrepairs.core.french import long_date
from entrepairs.core.text import is_blank

from .models import SESSIONS_PER_YEAR, Group, GroupSettings, Session
from .models.groups import DEFAULT_YEAR_START_MONTH


@dataclass(frozen=True)
class ProgrammeYear:
    """Twelve months from the group's start month: September 2026 to August 2027 is "2026-2027"."""

    start: date
    end: date  # last day, included

    @property
    def label(self) -> str:
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year}"

    def __str__(self) -> str:
        return self.label


def programme_year_of(day: date, start_month: int = DEFAULT_YEAR_START_MONTH) -> ProgrammeYear:
    """The programme year `day` falls in, for a year starting on the 1st of `start_month`."""
    year = day.year if day.month >= start_month else day.year - 1
    start = date(year, start_month, 1)
    following = date(year + 1, start_month, 1)
    return ProgrammeYear(start=start, end=following - timedelta(days=1))


def year_start_month(group: Group) -> int:
    """The group's own start month, or its organisation's (groups settings), or September."""
    if group.programme_year_start_month:
        return int(group.programme_year_start_month)
    return int(GroupSettings.for_organisation(group.organisation_id).programme_year_start_month)


def group_year_of(group: Group, when: datetime | date) -> ProgrammeYear:
    day = timezone.localtime(when).date() if isinstance(when, datetime) else when
    return programme_year_of(day, year_start_month(group))


# --- 6 to 24 sessions a programme year ------------------------------------------------------------


def _counted(group: Group, *, excluding: Iterable[Any] = ()) -> list[datetime]:
    """Start of every session that counts: planned or held, of every series and single session."""
    return list(
        Session.objects.filter(group_id=group.pk)
        .exclude(status=Session.Status.CANCELLED)
        .exclude(pk__in=list(excluding))
        .values_list("starts_at", flat=True)
    )


def year_counts(group: Group, start_month: int | None = None) -> dict[ProgrammeYear, int]:
    """Sessions that count, per programme year, in date order (the group page and the API). A
    year whose sessions were all cancelled is listed with 0 (outside test: cancelling a year's
    only session gave no warning while 6 → 5 did)."""
    month = start_month or year_start_month(group)
    rows = Session.objects.filter(group_id=group.pk).values_list("starts_at", "status")
    counts: Counter[ProgrammeYear] = Counter()
    for starts_at, status in rows:
        year = programme_year_of(timezone.localtime(starts_at).date(), month)
        counts[year] += status != Session.Status.CANCELLED
    return dict(sorted(counts.items(), key=lambda item: item[0].start))


def check_year_counts(
    *,
    group: Group,
    adding: list[datetime],
    excluding: Iterable[Any] = (),
    start_month: int | None = None,
    field: str | None = "starts_at",
) -> None:
    """Seed 003: "de 6 à 24 par an", per group and programme year, whatever the series.

    The maximum holds for every year the write touches. The minimum is never refused, whatever
    the write (a series, a session added, moved or cancelled): a year is made of every series and
    single session (issue 13 §3; outside test: three sessions planned next to three single ones
    were refused though the year held six), a group's first year may be partial, and a
    cancellation is a fact. Every change says which years are left under 6
    (selectors.short_year_warnings; docs/groups.md).
    """
    low, high = SESSIONS_PER_YEAR
    month = start_month or year_start_month(group)
    before = Counter(
        programme_year_of(timezone.localtime(s).date(), month)
        for s in _counted(group, excluding=excluding)
    )
    added = Counter(programme_year_of(timezone.localtime(s).date(), month) for s in adding)
    for year, n in sorted(added.items(), key=lambda item: item[0].start):
        total = before[year] + n
        if total <= high:
            continue
        if n == 1:
            message = _(
                "The group's %(year)s year already holds %(high)s sessions: a group has "
                "%(low)s to %(high)s sessions a programme year."
            ) % {"year": year.label, "low": low, "high": high}
        else:
            message = _(
                "With these sessions the group's %(year)s year would hold %(n)s sessions: a "
                "group has %(low)s to %(high)s sessions a programme year."
            ) % {"year": year.label, "n": total, "low": low, "high": high}
        raise ValidationError({field: message} if field else message)


# --- public holidays and closure days -------------------------------------------------------------


def day_off(group: Group, day: date) -> str | None:
    """Why `day` is off for the group's organisation: a public holiday of its region, or one of its
    closures (recurrence.occurrences skips the same days when a series is planned)."""
    region = GroupSettings.for_organisation(group.organisation_id).holiday_region
    language = "fr" if (get_language() or "fr").startswith("fr") else "en_US"
    public = holidays.France(years=day.year, subdiv=region or None, language=language)
    when = long_date(day, "j F Y")
    if day in public:
        return _("%(day)s is a public holiday (%(name)s).") % {"day": when, "name": public[day]}
    closure = (
        group.organisation.closures.filter(starts_on__lte=day, ends_on__gte=day)
        .values_list("label", flat=True)
        .first()
    )
    if closure is not None:
        return _("%(day)s is a closure day of the organisation (%(label)s).") % {
            "day": when,
            "label": closure or _("closure"),
        }
    return None


def check_day_off(
    *, group: Group, starts_at: datetime, ends_at: datetime, confirmed: bool, reason: str
) -> str:
    """A session added or moved onto a public holiday or a closure day is refused unless the
    facilitator confirms with a reason (issue 13 §3); every day the session touches counts (an
    evening session running past midnight into 1 May). Returns the reason to keep (empty on
    ordinary days)."""
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at - timedelta(microseconds=1)).date()
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)] or [first]
    why = next((w for w in (day_off(group, d) for d in days) if w is not None), None)
    if why is None:
        return ""
    if not confirmed:
        raise ValidationError(
            {
                "starts_at": why
                + " "
                + _("To hold the session on that day, tick “I confirm” and give the reason.")
            }
        )
    if is_blank(reason):
        raise ValidationError(
            {"holiday_reason": _("Give the reason for a session on that day.") + " " + why}
        )
    return reason.strip()


# --- founding session and numbering ---------------------------------------------------------------


def renumber(group: Group) -> None:
    """The founding session is the first session by date (cancelled ones aside); each session is
    numbered by date within its programme year, whatever order the series were planned in."""
    month = year_start_month(group)
    sessions = list(Session.objects.filter(group_id=group.pk).order_by("starts_at", "pk"))
    ranks: Counter[ProgrammeYear] = Counter()
    changed = []
    founding_found = False
    for session in sessions:
        cancelled = session.status == Session.Status.CANCELLED
        number = None
        if not cancelled:
            year = programme_year_of(timezone.localtime(session.starts_at).date(), month)
            ranks[year] += 1
            number = ranks[year]
        founding = not cancelled and not founding_found
        founding_found = founding_found or founding
        if (session.number, session.is_founding) != (number, founding):
            session.number, session.is_founding = number, founding
            changed.append(session)
    if changed:
        Session.objects.bulk_update(changed, ["number", "is_founding"])
