"""The small blocks safety checks and decisions add to the case page and the team page (one
include each, so the pages of points 1-3 stay as they are)."""

from typing import Any

from django import template

from .. import selectors
from ..models import Decision, SafetyCheck

register = template.Library()


@register.inclusion_tag("casework/decisions_case_panel.html")
def decisions_case_panel(case: Any, may_change: bool = False) -> dict[str, Any]:
    """The case page's safety checks and key decisions; the actions only for whom may change
    the case (what their pages ask: selectors.get_case_for(..., "change"))."""
    checks = list(
        SafetyCheck.objects.filter(case=case).defer("notes").order_by("-due_on", "-created_at")[:20]
    )
    decisions = list(
        Decision.objects.filter(case=case)
        .select_related("decision_type")
        .defer("options", "arguments", "child_view", "outcome")
        .order_by("-created_at")[:20]
    )
    return {"case": case, "checks": checks, "decisions": decisions, "may_change": may_change}


@register.inclusion_tag("casework/decisions_team_panel.html")
def decisions_team_panel(team: Any) -> dict[str, Any]:
    """The team page's "to discuss at the next meeting" about safety (members only)."""
    return {"team": team, "items": selectors.safety_agenda_items(team)}


@register.inclusion_tag("casework/decisions_settings_link.html", takes_context=True)
def decisions_settings_link(context: Any) -> dict[str, Any]:
    """On the casework home page: the coordinators' link to the factors and decision types."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": bool(user is not None and selectors.settings_organisation_ids(user))}
