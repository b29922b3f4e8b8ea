"""Who may open the onboarding pages notifications link to (core.link_access; from ready())."""

from entrepairs.core.link_access import link_target


def register() -> None:
    from . import selectors

    link_target("onboarding:journey", selectors.journeys_for, perm="onboarding.view_journey")
