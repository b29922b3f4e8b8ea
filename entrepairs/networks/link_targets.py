"""Who may open the network pages notifications link to (core.link_access; from ready())."""

from entrepairs.core.link_access import link_target


def register() -> None:
    from . import selectors

    link_target("networks:detail", selectors.networks_for)
