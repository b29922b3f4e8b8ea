"""The competency history of a person across journeys, open or closed (issue 6 point 8)."""

from typing import Any

from entrepairs.core.audit import record_access

from .models import ClosingReview, CompetencyObservation


def competency_history(*, user: Any, person: Any) -> list[dict[str, Any]]:
    """Observations of the person the user may see, grouped by competency (latest first)."""
    observations = (
        CompetencyObservation.objects.visible_to(user)
        .filter(person=person)
        .select_related("competency__version__template", "author", "journey")
        .order_by("competency__name", "-observed_on", "-created_at")
    )
    rows: dict[Any, dict[str, Any]] = {}
    for obs in observations:
        key = (obs.competency.version.template_id, obs.competency.name)
        row = rows.setdefault(
            key,
            {
                "competency": obs.competency.name,
                "kind": obs.competency.get_kind_display(),
                "template": str(obs.competency.version.template),
                "observations": [],
            },
        )
        obs.level_label = obs.competency.version.level_label(obs.level)
        row["observations"].append(obs)
    return list(rows.values())


def training_needs(*, user: Any, person: Any) -> list[ClosingReview]:
    """Improvement points of closed journeys: the input of training plans and annual reviews."""
    reviews = list(
        ClosingReview.objects.visible_to(user)
        .filter(journey__newcomer=person)
        .exclude(improvement_points="")
        .select_related("journey__version__template")
        .order_by("-journey__start_date")
    )
    for review in reviews:
        record_access(review)
    return reviews
