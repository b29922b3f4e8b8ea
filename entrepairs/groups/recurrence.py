"""Yearly series of sessions from a recurrence rule: "every third Tuesday afternoon" (monthly, nth
weekday) or "every two weeks on Thursday" (weekly), skipping public holidays and closures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays
from django.utils import timezone
from django.utils.translation import gettext as _

HALF_DAY_MINUTES = 210  # 14:00–17:30: seed 003's "demi-journée"


@dataclass(frozen=True)
class Recurrence:
    start: date
    weekday: int  # 0 = Monday
    frequency: str = "monthly"  # monthly | weekly
    nth: int = 3  # monthly: 1..4, or -1 for the last one of the month
    interval_weeks: int = 1  # weekly
    until: date | None = None  # default: one year after start
    start_time: time = time(14, 0)
    duration_minutes: int = HALF_DAY_MINUTES

    @property
    def end(self) -> date:
        return self.until or (self.start + timedelta(days=364))

    def slot(self, day: date) -> tuple[datetime, datetime]:
        start = timezone.make_aware(datetime.combine(day, self.start_time))
        return start, start + timedelta(minutes=self.duration_minutes)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    first = date(year, month, 1)
    if nth > 0:
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        return day if day.month == month else None
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def raw_dates(rule: Recurrence) -> list[date]:
    if not 0 <= rule.weekday <= 6:
        raise ValueError(_("Unknown weekday."))
    if rule.end < rule.start:
        raise ValueError(_("The series ends before it starts."))
    days: list[date] = []
    if rule.frequency == "weekly":
        if rule.interval_weeks < 1:
            raise ValueError(_("The interval is at least one week."))
        day = rule.start + timedelta(days=(rule.weekday - rule.start.weekday()) % 7)
        while day <= rule.end:
            days.append(day)
            day += timedelta(weeks=rule.interval_weeks)
        return days
    if rule.nth not in (1, 2, 3, 4, -1):
        raise ValueError(_("Choose the first to fourth, or the last weekday of the month."))
    year, month = rule.start.year, rule.start.month
    while date(year, month, 1) <= rule.end:
        found = _nth_weekday(year, month, rule.weekday, rule.nth)
        if found is not None and rule.start <= found <= rule.end:
            days.append(found)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def occurrences(
    rule: Recurrence,
    *,
    holiday_region: str = "",
    closures: Iterable[tuple[date, date, str]] = (),
) -> tuple[list[date], list[tuple[date, str]]]:
    """Kept dates and skipped ones with the reason (public holiday name or closure label)."""
    days = raw_dates(rule)
    years = list(range(rule.start.year, rule.end.year + 1))
    public = holidays.France(years=years, subdiv=holiday_region or None, language="fr")
    closed = list(closures)
    kept: list[date] = []
    skipped: list[tuple[date, str]] = []
    for day in days:
        if day in public:
            skipped.append((day, str(public.get(day))))
            continue
        closure = next((c for c in closed if c[0] <= day <= c[1]), None)
        if closure is not None:
            skipped.append((day, closure[2] or _("closure")))
            continue
        kept.append(day)
    return kept, skipped
