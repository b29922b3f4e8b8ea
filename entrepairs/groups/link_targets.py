"""Who may open the group pages notifications link to (core.link_access; from ready())."""

from entrepairs.core.link_access import link_target


def register() -> None:
    from . import selectors

    link_target("groups:detail", selectors.groups_visible_to)
    link_target("groups:charter", selectors.groups_visible_to)
    link_target("groups:edit", selectors.groups_visible_to, perm="groups.change_group")
    link_target("groups:session", selectors.sessions_visible_to)
    link_target("groups:attendance", selectors.sessions_visible_to, perm="groups.record_attendance")
