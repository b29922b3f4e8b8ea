"""How the audit trail names organisations' records (issue 15 §7, core.audit.register_names)."""

from typing import Any

from django.utils.translation import gettext as _


def membership_names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
    """ "Zainab Mohammadi, jeune / mentoré·e à l'Association Tutélaire du Nord": a role named in
    a sentence, not the model's "@" shorthand."""
    from .models import Membership

    rows = Membership.objects.filter(pk__in=pks).select_related("person", "organisation")
    return {
        m.pk: _("%(person)s, %(role)s in %(organisation)s")
        % {"person": m.person, "role": m.get_role_display(), "organisation": m.organisation}
        for m in rows
    }


def role_request_names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
    """A request named like a role ("camille@… , coordinator in …"), never the "@" shorthand."""
    from .models import RoleRequest

    rows = RoleRequest.objects.filter(pk__in=pks).select_related("person", "organisation")
    return {
        r.pk: _("%(person)s, %(role)s in %(organisation)s")
        % {
            "person": r.person or r.email,
            "role": r.get_role_display(),
            "organisation": r.organisation,
        }
        for r in rows
    }


def register() -> None:
    from entrepairs.core import audit

    from .models import Membership, Organisation, RoleRequest, Site, Team

    audit.register_names(Membership, membership_names)
    audit.register_names(RoleRequest, role_request_names)
    for model in (Organisation, Site, Team):
        names, find = audit.by_field(model, "name")
        audit.register_names(model, names, find=find)
