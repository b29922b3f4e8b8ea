"""The one check of a "happened on" date (a closure conversation, a screening step, a check-in,
a contact, a consent, an onboarding observation...): a fact is dated today or earlier, and not
absurdly far back (a typo such as 1990 or 2099 must not slip into a file)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from entrepairs.core.french import long_date

# Nothing recorded in mentoring or onboarding happened more than this long ago.
MAX_YEARS_BACK = 10


def happened_on_error(day: date | None, *, not_before: date | None = None) -> str | None:
    """Why `day` cannot be the date something happened, or None when it can."""
    if day is None:
        return None
    today = timezone.localdate()
    if day > today:
        return _("This date is in the future: give the day it happened.")
    if not_before is not None and day < not_before:
        return _("This date is before %(date)s, when it began.") % {"date": long_date(not_before)}
    if day < today.replace(year=today.year - MAX_YEARS_BACK, day=min(today.day, 28)):
        return _("This date is more than %(years)s years ago: check the year.") % {
            "years": MAX_YEARS_BACK
        }
    return None


def check_happened_on(field: str, day: date | None, *, not_before: date | None = None) -> None:
    """Refuse, next to `field`, a date that cannot be the day something happened."""
    error = happened_on_error(day, not_before=not_before)
    if error:
        raise ValidationError({field: error})


def shown_date(value: date | datetime | None, *, with_time: bool = False) -> str:
    """A date (or a moment) as a page shows it, in the active language's short format
    (16/10/2026 in French, never ISO): for the names of records, which the audit trail and the
    pages print. A moment is read in the local time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        if with_time:
            return date_format(value, "SHORT_DATETIME_FORMAT")
        value = value.date()
    return date_format(value, "SHORT_DATE_FORMAT")


def parse_day(value: str) -> date | None:
    """A day typed in a query string or a field: ISO (2026-09-01) or the French way
    (01/09/2026, 1/9/2026); None when it is neither or no such day exists."""
    import re

    from django.utils.dateparse import parse_date

    text = (value or "").strip()
    found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if found:
            day, month, year = map(int, found.groups())
            return date(year, month, day)
        return parse_date(text) if text else None
    except ValueError:
        return None
