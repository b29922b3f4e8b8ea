"""Who may open the casework pages notifications link to: the querysets and permissions the
views fetch their record with (core.link_access; from ready())."""

from typing import Any

from entrepairs.core.link_access import link_target


def register() -> None:
    from entrepairs.organisations.viewer import viewer_for

    from . import selectors
    from .models import Decision, SafetyCheck
    from .rules import decision_visible_q, safety_check_visible_q

    def decisions(user: Any) -> Any:
        return Decision.objects.filter(decision_visible_q(viewer_for(user)))

    def safety_checks(user: Any) -> Any:
        return SafetyCheck.objects.filter(safety_check_visible_q(viewer_for(user)))

    def leaves(user: Any) -> Any:
        return selectors.leaves_for(viewer_for(user))

    def core_teams(user: Any) -> Any:
        return selectors.core_teams_for(viewer_for(user))

    link_target("casework:decision", decisions)
    link_target("casework:safety_check", safety_checks)
    link_target("casework:leave", leaves, perm="casework.view_leavecover")
    link_target("casework:continuity", core_teams, perm="casework.view_case")
