"""Programme reports: counts only, never a youth's identity (issue 5, point 11), with inline SVG
bar charts drawn on the server (core.charts; no JavaScript library; works offline)."""

from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from entrepairs.core.charts import BarChart, bar_chart

from .models import CheckIn, Match, Mentor, Programme


def programme_report(programme: Programme, today: date) -> dict[str, Any]:
    matches = Match.objects.filter(programme=programme)
    by_status = dict(
        matches.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    labels = dict(Match.Status.choices)
    reasons = dict(programme.reason_choices())
    closures = Counter(matches.exclude(closure_reason="").values_list("closure_reason", flat=True))
    lengths: Counter[str] = Counter()
    for start, end in matches.filter(introduced_on__isnull=False).values_list(
        "introduced_on", "ended_on"
    ):
        months = ((end or today) - (start or today)).days // 30
        bucket = (
            "0–5" if months < 6 else "6–11" if months < 12 else "12–23" if months < 24 else "24+"
        )
        lengths[bucket] += 1
    # What is recorded counts, whenever it was due: a check-in done ahead of its date is done
    # (the report read 0/0 while twenty were recorded early). Due: by today, or already done.
    due = CheckIn.objects.filter(
        Q(due_on__lte=today) | Q(done_on__isnull=False), match__programme=programme
    ).aggregate(due=Count("id"), done=Count("id", filter=Q(done_on__isnull=False)))
    mentors = dict(
        Mentor.objects.filter(programme=programme)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    waiting = (
        Mentor.objects.filter(programme=programme, status=Mentor.Status.APPROVED)
        .exclude(matches__status__in=Match.OPEN)
        .count()
    )
    return {
        "active": by_status.get(Match.Status.ACTIVE, 0),
        "by_status": [(str(labels[s]), by_status.get(s, 0)) for s in Match.Status.values],
        "closures": [(reasons.get(code, code), n) for code, n in closures.most_common()],
        "lengths": [(b, lengths.get(b, 0)) for b in ("0–5", "6–11", "12–23", "24+")],
        "checkins_due": due["due"],
        "checkins_done": due["done"],
        "checkin_rate": round(100 * due["done"] / due["due"]) if due["due"] else None,
        "mentors_waiting": waiting,
        "mentors_by_status": [
            (str(label), mentors.get(value, 0)) for value, label in Mentor.Status.choices
        ],
    }


def report_charts(data: dict[str, Any]) -> dict[str, BarChart]:
    """The report's counts as the shared bar charts (core.charts: one home for every bar)."""
    return {
        "status": bar_chart(_("Matches by status"), data["by_status"]),
        "lengths": bar_chart(_("Length of matches (months)"), data["lengths"]),
        "closures": bar_chart(_("Closures by reason"), data["closures"]),
        "mentors": bar_chart(_("Mentors by status"), data["mentors_by_status"]),
    }
