"""Programme reports: counts only, never a youth's identity (issue 5, point 11), with inline SVG
bar charts drawn on the server (no JavaScript library; works offline)."""

from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import CheckIn, Match, Mentor, Programme


def programme_report(programme: Programme, today: date) -> dict[str, Any]:
    matches = Match.objects.filter(programme=programme)
    by_status = dict(
        matches.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    labels = dict(Match.Status.choices)
    reasons = {r["code"]: r["label"] for r in programme.closure_reasons}
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


def bar_chart(rows: list[tuple[str, int]], *, title: str, width: int = 460) -> SafeString:
    """A horizontal bar chart as accessible inline SVG (role=img, a title, and a text per bar)."""
    bar_h, gap, label_w = 22, 8, 190
    height = max(1, len(rows)) * (bar_h + gap) + gap
    top = max([n for _, n in rows] or [0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, (label, n) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = int((width - label_w - 50) * n / top)
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="13" fill="#222">{escape(str(label)[:28])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h}" fill="#1d5fa8"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="13" fill="#222">{n}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above  # nosec B308 B703
