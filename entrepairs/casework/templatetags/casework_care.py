"""The care block of the core team's page: plans waiting for approval and overdue reviews
(members only), and the incident links (trends for the coordinators too)."""

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("casework/care_team_panel.html", takes_context=True)
def care_team_panel(context: Any, team: Any) -> dict[str, Any]:
    is_member = bool(context.get("is_member"))
    return {
        "team": team,
        "is_member": is_member,
        # At most 50 lines each, two queries: the team page stays flat as plans grow.
        "waiting": list(selectors.waiting_care_plans(team)[:50]) if is_member else [],
        "overdue": list(selectors.overdue_reviews(team)[:50]) if is_member else [],
    }


@register.inclusion_tag("casework/care_trends_links.html", takes_context=True)
def care_trends_links(context: Any) -> dict[str, Any]:
    """On the casework home: the core teams whose incident trends the viewer sees without seeing
    the team itself (the organisation's managers: counts only). One query."""
    return {"teams": list(selectors.trends_only_teams_for(context["request"].user))}
