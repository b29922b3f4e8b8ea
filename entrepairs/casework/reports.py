"""The reports' reads (issue 12 point 13): figures per core team over time, never case content.

Callers pass teams they obtained from `selectors.core_teams_for` (who sees a core team sees its
reports: its members and the organisation's coordinators). Each function runs a fixed number of
queries whatever the number of weeks, members or cases."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from entrepairs.core.charts import LineChart, Series, line_chart
from entrepairs.organisations.models import Team

from .models import LoadSnapshot
from .services import week_of

WEEKS = 26


@dataclass
class WeekLoads:
    week: date
    members: int
    cases: int
    highest_ratio: float
    average_ratio: float
    lowest_ratio: float

    @property
    def spread(self) -> float:
        """Highest over average: 1.0 is perfectly balanced."""
        return self.highest_ratio / self.average_ratio if self.average_ratio else 0.0


def _summaries(rows: list[dict[str, Any]]) -> dict[tuple[Any, date], WeekLoads]:
    grouped: dict[tuple[Any, date], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["core_team_id"], row["week"])].append(row)
    out = {}
    for key, members in grouped.items():
        ratios = [r["weight"] / float(r["fte"]) for r in members if r["fte"]]
        out[key] = WeekLoads(
            week=key[1],
            members=len(members),
            cases=sum(r["cases"] for r in members),
            highest_ratio=max(ratios, default=0.0),
            average_ratio=sum(ratios) / len(ratios) if ratios else 0.0,
            lowest_ratio=min(ratios, default=0.0),
        )
    return out


def _rows(teams: list[Team], since: date) -> list[dict[str, Any]]:
    rows = LoadSnapshot.objects.filter(core_team__in=teams, week__gte=since).values(
        "core_team_id", "week", "cases", "weight", "fte"
    )
    return [dict(row) for row in rows]


def caseload_history(team: Team, *, today: date, weeks: int = WEEKS) -> list[WeekLoads]:
    """The team's balance week by week, oldest first (1 query); a week without a snapshot is
    absent (the chart breaks its line there)."""
    since = week_of(today) - timedelta(weeks=weeks - 1)
    summaries = _summaries(_rows([team], since))
    return sorted(summaries.values(), key=lambda w: w.week)


def caseload_chart(history: list[WeekLoads], *, today: date, weeks: int = WEEKS) -> LineChart:
    start = week_of(today) - timedelta(weeks=weeks - 1)
    by_week = {w.week: w for w in history}
    mondays = [start + timedelta(weeks=i) for i in range(weeks)]
    picked = [by_week.get(m) for m in mondays]

    def values(attr: str) -> list[float | None]:
        return [round(getattr(w, attr), 2) if w else None for w in picked]

    return line_chart(
        _("Load ratio (weight / working time), week by week"),
        [date_format(m, "MONTH_DAY_FORMAT") for m in mondays],
        [
            Series(_("Highest"), values("highest_ratio")),
            Series(_("Average"), values("average_ratio")),
            Series(_("Lowest"), values("lowest_ratio")),
        ],
    )


def latest_loads(teams: list[Team], *, today: date) -> dict[Any, WeekLoads]:
    """Each team's most recent week within the last four (1 query), for the list of teams."""
    summaries = _summaries(_rows(teams, week_of(today) - timedelta(weeks=3)))
    latest: dict[Any, WeekLoads] = {}
    for (team_id, _week), loads in sorted(summaries.items(), key=lambda kv: kv[0][1]):
        latest[team_id] = loads
    return latest


@dataclass
class TeamFigures:
    """Point 13's other figures for one core team, from each topic's report selector (counts
    only: a coordinator reads them, never a case)."""

    continuity: dict[str, int]
    safety: dict[str, int]
    decisions: dict[str, int]
    care_plans: dict[str, int]


def team_figures(team: Team) -> TeamFigures:
    """About 8 queries whatever the data (each selector states its own)."""
    from . import selectors

    care = selectors.care_plans_in_time([team])[0]
    return TeamFigures(
        continuity=selectors.continuity_figures([team])[team.pk],
        safety=selectors.safety_timeliness(team),
        decisions=selectors.decisions_advice_summary(team),
        care_plans={
            "approved": care.approved,
            "in_time": care.in_time,
            "late": care.late,
            "missing": care.missing,
        },
    )
