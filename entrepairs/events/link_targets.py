"""Who may open the event pages notifications link to (core.link_access; from ready())."""

from entrepairs.core.link_access import link_target


def register() -> None:
    from . import selectors

    link_target("events:detail", selectors.events_for)
