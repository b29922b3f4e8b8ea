"""Probes of memberships (who holds which role: the API, and the roles listed on a person's page;
giving and ending a role) and of the invitation of a person to an account. Same conventions as
probes.py; the swapped-id cells ask for the twin organisation's membership, person and
organisation."""

from __future__ import annotations

from typing import Any

from .probes import A, Probe, _fixed, _o
from .world import Side


def _new_role(side: Side) -> dict[str, Any]:
    """A second role for a colleague of the organisation (the side's own ids)."""
    return {
        "person": str(side.people["professional_other"].pk),
        "organisation": str(side.org.pk),
        "role": "tutor",
    }


def _membership_gone(side: Side) -> bool:
    from entrepairs.organisations.models import Membership

    return not Membership.objects.filter(pk=side.objects["membership"].pk).exists()


def _invited(side: Side) -> bool:
    from entrepairs.people.models import Person

    return Person.objects.filter(pk=side.objects["invitee"].pk, user__isnull=False).exists()


M = "/api/v1/memberships/{membership}/"
END = "/organisations/{org}/members/{membership}/end/"


def _end_page(side: Side) -> str:
    return END.format(org=side.org.pk, membership=side.objects["membership"].pk)


# fmt: off
PEOPLE_PROBES: list[Probe] = [
    # --- Membership: the professional's role in their organisation ---
    # (filtered on the organisation: the platform admin's unfiltered list is paged over every one)
    Probe("Membership", None, "list", "api", "present", lambda s: f"{A}/memberships/?organisation={s.org.pk}", "pk", with_id=False),
    Probe("Membership", None, "view", "api", "detail", _o(M), "pk"),
    Probe("Membership", None, "view", "page", "present", _o("/people/{person}/"), "value:membership_line", via="person page"),
    Probe("Membership", None, "create", "api", "detail", _fixed(f"{A}/memberships/"), None, "post", with_id=False, data=_new_role),
    Probe("Membership", None, "end", "api", "detail", _o(M), None, "delete"),
    Probe("Membership", None, "end", "page", "detail", _end_page, None, "post", done=_membership_gone),
    # --- Person without an account: the invitation (an e-mail with a link to the account) ---
    Probe("Person", "no_account", "invite", "api", "detail", _o(A + "/people/{invitee}/invite/"), None, "post"),
    Probe("Person", "no_account", "invite", "page", "detail", _o("/people/{invitee}/invite/"), None, "post", done=_invited),
]
# fmt: on
