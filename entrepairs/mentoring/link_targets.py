"""Who may open the mentoring pages notifications link to: the querysets the views fetch their
record from (core.link_access; called from the app's ready())."""

from typing import Any

from entrepairs.core.link_access import link_target


def register() -> None:
    from entrepairs.organisations.viewer import viewer_for

    from . import selectors

    def transfers(user: Any) -> Any:
        return selectors.transfers_for(viewer_for(user))

    link_target("mentoring:match", selectors.matches_visible_to)
    link_target("mentoring:youth", selectors.youths_visible_to)
    link_target("mentoring:mentor", selectors.mentors_visible_to)
    link_target("mentoring:transfer", transfers)
    link_target(
        "mentoring:agreement_edit",
        selectors.agreements_visible_to,
        perm="mentoring.change_sharingagreement",
    )
