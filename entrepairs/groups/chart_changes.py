"""A change of line managers that seats the hierarchy in a group (issue 13 point 1, the other
direction): the people app records it (an HR fact) and sends `line_manager_changed`; this
receiver answers with a warning per breach it creates (`hierarchy.breaches_created`, the one
function that computes them) and, once the change is written, tells the coordinators of each
group concerned in their inbox (names and the group only: no confidential text)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from entrepairs.core.notifications import Message, lines, msg, notify
from entrepairs.groups import notification_kinds as kinds
from entrepairs.people.models import Person
from entrepairs.people.signals import ChangeWarning

from . import hierarchy
from . import rules as group_rules

CODE = "hierarchy_in_group"


def fix_url(breach: hierarchy.Breach) -> str:
    return breach.fix_url


def breach_message(breach: hierarchy.Breach) -> str:
    return breach_notice(breach, with_fix=False).render()


def breach_notice(breach: hierarchy.Breach, *, with_fix: bool = True) -> Message:
    """Who sits with whom in which group (and how to end it), worded when read."""
    parts = [
        breach.link.sentence_message,
        msg("Both sit in the group “%(group)s”.", group=breach.group.name),
    ]
    return lines(*parts, *([breach.fix_message] if with_fix else []), sep=" ")


def breach_details(breach: hierarchy.Breach) -> dict[str, Any]:
    return {
        "group": str(breach.group.pk),
        "group_name": breach.group.name,
        "superior": str(breach.link.superior),
        "superior_name": breach.link.superior_name,
        "superior_role": breach.superior_role,
        "subordinate": str(breach.link.subordinate),
        "subordinate_name": breach.link.subordinate_name,
        "subordinate_role": breach.subordinate_role,
        "level": breach.link.level,  # an integer, as in the breaches API
    }


def on_line_manager_changed(
    sender: Any, *, changes: dict[Any, tuple[Any, Any]], written: bool, **kwargs: Any
) -> list[ChangeWarning]:
    found = hierarchy.breaches_created(changes=changes, written=written)
    if written:
        _tell_coordinators([breach for breach, _cause in found])
    return [
        ChangeWarning(
            code=CODE,
            message=breach_message(breach),
            fix=breach.fix,
            url=fix_url(breach),
            person=cause,
            details=breach_details(breach),
        )
        for breach, cause in found
    ]


def _tell_coordinators(found: list[hierarchy.Breach]) -> None:
    """One message per group and coordinator, listing the pairs of that group."""
    by_group: dict[Any, list[hierarchy.Breach]] = defaultdict(list)
    for breach in found:
        by_group[breach.group.pk].append(breach)
    for breaches in by_group.values():
        group = breaches[0].group
        body = lines(*(breach_notice(b) for b in breaches), sep=" ")
        for organisation_id in sorted(group.organisation_ids(), key=str):
            coordinators = Person.objects.filter(
                group_rules.coordinators_q(organisation_id), is_active=True, user__isnull=False
            ).select_related("user")
            for coordinator in coordinators.distinct():
                notify(
                    kind=kinds.HIERARCHY_IN_GROUP,
                    recipient=coordinator.user,
                    organisation=organisation_id,
                    subject=msg("A new line manager puts the hierarchy in a group"),
                    title=msg(
                        "A new line manager puts the hierarchy in %(group)s", group=group.name
                    ),
                    body=body,
                    link=fix_url(breaches[0]),
                    # In-app only: who sits in which supervision group stays on the platform.
                    email=False,
                )
