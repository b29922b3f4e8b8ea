"""Figures of the coordinator's and the manager's dashboards (issue 6 point 7)."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from entrepairs.core.charts import BarChart, bar_chart
from entrepairs.core.permissions import id_q
from entrepairs.organisations.viewer import Viewer

from .models import ClosingReview, Journey, JourneyStatus, JourneyTask, Phase
from .models.journeys import today
from .rules import coordinated_org_ids
from .selectors import reviews_to_read

LIST_LIMIT = 50


@dataclass
class Bar:
    label: str
    value: float
    count: int


def by_phase(journeys: Any) -> list[tuple[str, Any, int]]:
    counts = dict(journeys.active().values_list("phase").annotate(n=Count("id")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in Phase.choices]


def late_tasks(org_ids: set[Any]) -> Any:
    return (
        JourneyTask.objects.late()
        .filter(journey__organisation_id__in=org_ids, journey__status=JourneyStatus.ACTIVE)
        .select_related("journey__newcomer", "owner")
        .order_by("due_date")
    )


def kits_not_ready(org_ids: set[Any]) -> Any:
    """Active journeys with kit items not ready, the most urgent day one first."""
    return (
        Journey.objects.active()
        .filter(organisation_id__in=org_ids)
        .annotate(unready=Count("kit_checks", filter=Q(kit_checks__ready_at=None)))
        .filter(unready__gt=0)
        .select_related("newcomer")
        .order_by("start_date")
    )


def time_to_autonomy(org_ids: set[Any]) -> list[Bar]:
    """Average days from day one to autonomy, per function, over closed journeys."""
    rows = ClosingReview.objects.filter(
        journey__organisation_id__in=org_ids,
        journey__status=JourneyStatus.CLOSED,
        autonomy_on__isnull=False,
    ).values_list("journey__version__template__function", "journey__start_date", "autonomy_on")
    days: dict[str, list[int]] = defaultdict(list)
    for function, start, autonomy in rows:
        if autonomy is None:
            continue
        days[function].append((autonomy - start).days)
    return [Bar(label=f, value=sum(d) / len(d), count=len(d)) for f, d in sorted(days.items())]


def autonomy_chart(bars: list[Bar]) -> BarChart:
    """The average days to autonomy as the shared bar chart (core.charts), whole days."""
    return bar_chart(
        _("Average days from day one to autonomy, per function"),
        [(b.label, round(b.value)) for b in bars],
        unit=_("days"),
    )


def coordinator_dashboard(viewer: Viewer) -> dict[str, Any]:
    orgs = coordinated_org_ids(viewer)
    journeys = Journey.objects.filter(organisation_id__in=orgs)
    bars = time_to_autonomy(orgs)
    return {
        "by_phase": by_phase(journeys),
        "late_tasks": late_tasks(orgs)[:LIST_LIMIT],
        "late_count": late_tasks(orgs).count(),
        "kits": kits_not_ready(orgs)[:LIST_LIMIT],
        "bars": bars,
        "autonomy_chart": autonomy_chart(bars),
        "to_review": reviews_to_read(viewer).filter(reviewed_at=None).count(),
        "today": today(),
    }


def manager_journeys(viewer: Viewer) -> Any:
    return (
        Journey.objects.active()
        .filter(
            id_q("newcomer__line_manager_id", viewer.person_id) & viewer.scope_q("organisation_id")
        )
        .select_related("newcomer", "tutor", "version__template")
        .annotate(late=Count("tasks", filter=Q(tasks__done_at=None, tasks__due_date__lt=today())))
        .order_by("start_date")
    )


# What the home page asks of onboarding (home.blocks assembles; the rules stay here).


def late_tasks_for(viewer: Viewer) -> Any:
    """Late tasks of the running journeys of the organisations the viewer coordinates."""
    return late_tasks(coordinated_org_ids(viewer))


def kits_not_ready_for(viewer: Viewer) -> Any:
    """Running journeys of the viewer's coordinated organisations with kit items not ready."""
    return kits_not_ready(coordinated_org_ids(viewer))
