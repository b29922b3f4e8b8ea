"""The reads of mentoring that pages, API, reports and tasks share, and `get_<thing>_for` helpers
(fetch what the viewer may see, 404 otherwise; then check the action, 403 otherwise)."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .models import SHAREABLE_FIELDS, Match, Mentor, Programme, SituationChange, Youth
from .rules import (
    agreement_purposes,
    case_worker_q,
    mentor_visible_q,
    programme_visible_q,
    youth_for_mentor,
    youth_visible_q,
)
from .rules import match_visible_q as _match_visible_q
from .services import agreement_for


def case_workers_in(organisation_ids: Any) -> QuerySet[Person]:
    return Person.objects.filter(case_worker_q(organisation_ids)).distinct()


def matches_visible_to(user: Any) -> QuerySet[Match]:
    return Match.objects.filter(_match_visible_q(viewer_for(user)))


def youths_visible_to(user: Any) -> QuerySet[Youth]:
    return Youth.objects.filter(youth_visible_q(viewer_for(user)))


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(programme_visible_q(viewer_for(user)))


def mentors_visible_to(user: Any) -> QuerySet[Mentor]:
    return Mentor.objects.filter(mentor_visible_q(viewer_for(user)))


def match_queryset(user: Any) -> Any:
    return (
        matches_visible_to(user)
        .select_related("programme__organisation")
        .prefetch_related(
            "mentors__person",
            Prefetch(
                "youths",
                queryset=Youth.objects.select_related(
                    "person", "guardian", "case_worker", "agency"
                ).prefetch_related(
                    Prefetch(
                        "situation_changes",
                        queryset=SituationChange.objects.order_by("-happened_on"),
                    )
                ),
            ),
        )
    )


def _display(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(
            f"{v['date']}: {v['summary']}" if isinstance(v, dict) else str(v) for v in value
        )
    return "" if value is None else str(value)


def mentor_view_of(
    match: Match, today: Any, agreements: dict | None = None
) -> list[dict[str, Any]]:
    """Per youth of the match: the facts (and their purposes) the youth's agency agreement allows,
    built by `rules.youth_for_mentor` — the same function the API uses."""
    out = []
    for youth in match.youths.all():
        key = (match.programme.organisation_id, youth.agency_id)
        if agreements is None or key not in agreements:
            found = agreement_for(*key)
            if agreements is not None:
                agreements[key] = found
        else:
            found = agreements[key]
        facts = youth_for_mentor(youth, found, today)
        purposes = agreement_purposes(found)
        out.append(
            {
                "facts": facts,
                "rows": [
                    (name, SHAREABLE_FIELDS[name], _display(value), purposes.get(name, ""))
                    for name, value in facts.items()
                ],
            }
        )
    return out


def _get_for(queryset: QuerySet, user: Any, pk: Any, action: str) -> Any:
    """`action` is a model action ("change" → mentoring.change_<model>) or a whole permission
    ("mentoring.run_matching"); "view" is what visibility already answers."""
    obj = get_visible_or_404(queryset, pk=pk)
    if action != "view":
        meta = queryset.model._meta
        require(
            user, action if "." in action else f"{meta.app_label}.{action}_{meta.model_name}", obj
        )
    return obj


def get_match_for(user: Any, pk: Any, action: str = "view") -> Match:
    return _get_for(match_queryset(user), user, pk, action)


def get_youth_for(user: Any, pk: Any, action: str = "view") -> Youth:
    return _get_for(youths_visible_to(user), user, pk, action)


def get_programme_for(user: Any, pk: Any, action: str = "view") -> Programme:
    return _get_for(programmes_visible_to(user), user, pk, action)


def get_mentor_for(user: Any, pk: Any, action: str = "view") -> Mentor:
    return _get_for(mentors_visible_to(user), user, pk, action)
