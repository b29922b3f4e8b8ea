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
