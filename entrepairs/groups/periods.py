"""The period a certificate covers (issue 13 point 5: "certificates over the contract or programme
year, not only the calendar year").

A period is two dates (both included) and a label written in the reader's language ("année 2027",
"du 1 septembre 2026 au 31 août 2027"). Four ways to ask for one, by page query or API parameter:

- `year=2027`: the calendar year (the default: this year);
- `programme_year=2026`: the group's programme year that starts in 2026 (`programme_year`);
- `from=2026-09-01&to=2027-06-30`: explicit dates;
- `contract=<id>`: the period of a contract of the group the viewer sees. Groups never import the
  contracts app: it registers a resolver in `CONTRACT_PERIODS` when it loads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from entrepairs.core.dates import parse_day
from entrepairs.core.french import long_date

# A training body's year usually runs September to August when the group sets none (seed 003).
DEFAULT_PROGRAMME_YEAR_START_MONTH = 9


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        ):
            return _("the year %(year)s") % {"year": self.start.year}
        return _("the period from %(start)s to %(end)s") % {
            "start": long_date(self.start, "j F Y"),
            "end": long_date(self.end, "j F Y"),
        }

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _year_start_month(group: Any) -> int:
    """The month the group's programme year starts: the group's own setting when it has one (the
    programme-year work adds it; any of these names), else September."""
    for holder in (group, getattr(group, "organisation", None)):
        for name in ("programme_year_start_month", "year_start_month"):
            value = getattr(holder, name, None)
            if isinstance(value, int) and 1 <= value <= 12:
                return value
    return DEFAULT_PROGRAMME_YEAR_START_MONTH


def programme_year(group: Any, year: int) -> Period:
    """The programme year of `group` that starts in `year`."""
    bounds = getattr(group, "programme_year_bounds", None)
    if callable(bounds):  # the group knows its own year (programme-year setting)
        start, end = bounds(year)
        return Period(start, end)
    month = _year_start_month(group)
    start = date(year, month, 1)
    following = date(year + 1, month, 1) if month > 1 else date(year + 1, 1, 1)
    return Period(start, following - timedelta(days=1))


def between(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError({"to": _("The end of the period is before its start.")})
    if (end - start).days > 3 * 366:
        raise ValidationError({"to": _("A certificate covers three years at most.")})
    return Period(start, end)


# Filled by the contracts app: (viewer, group, contract id) -> Period, or None if unknown/unseen.
CONTRACT_PERIODS: list[Callable[[Any, Any, str], Period | None]] = []


def _year(value: str, field: str) -> int:
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise ValidationError({field: _("Give a year, e.g. 2027.")})
    return int(value)


def period_from(params: Mapping[str, Any], *, group: Any, viewer: Any, today: date) -> Period:
    """The period asked for by a page's query string or the API's parameters (see above)."""
    value = {
        k: str(params.get(k) or "").strip()
        for k in ("contract", "programme_year", "from", "to", "year")
    }
    if value["contract"]:
        for resolve in CONTRACT_PERIODS:
            found = resolve(viewer, group, value["contract"])
            if found is not None:
                return found
        raise ValidationError({"contract": _("No contract of this group with this id.")})
    if value["programme_year"]:
        return programme_year(group, _year(value["programme_year"], "programme_year"))
    if value["from"] or value["to"]:
        start, end = parse_date_or_none(value["from"]), parse_date_or_none(value["to"])
        if start is None:
            raise ValidationError(
                {"from": _("Give the first day of the period as DD/MM/YYYY (or YYYY-MM-DD).")}
            )
        if end is None:
            raise ValidationError(
                {"to": _("Give the last day of the period as DD/MM/YYYY (or YYYY-MM-DD).")}
            )
        return between(start, end)
    if value["year"]:
        return calendar_year(_year(value["year"], "year"))
    return calendar_year(today.year)


def parse_date_or_none(value: str) -> date | None:
    """ISO or JJ/MM/AAAA (outside test: ?from=01/09/2026 was refused without the format)."""
    return parse_day(value)


def certificate_choice(params: Mapping[str, Any], *, group: Any, today: date) -> dict[str, Any]:
    """The group page's small form "certificates over [the calendar year | the programme year]
    [2026]": the query string its certificate links carry, the period's label, and any error."""
    from urllib.parse import urlencode

    scope: str = "programme_year" if params.get("scope") == "programme_year" else "year"
    value = str(params.get("value") or "").strip()
    default = today.year if scope == "year" else programme_year_of(group, today)
    query: dict[str, str] = {scope: value or str(default)}
    try:
        period = period_from(query, group=group, viewer=None, today=today)
    except ValidationError as exc:
        return {"scope": scope, "value": value, "query": "", "label": "", "error": exc.messages[0]}
    return {
        "scope": scope,
        "value": query[scope],
        "query": urlencode(query),
        "label": period.label,
        "error": "",
    }


def programme_year_of(group: Any, today: date) -> int:
    """The year the programme year holding `today` started in."""
    start = programme_year(group, today.year)
    return today.year if today >= start.start else today.year - 1
