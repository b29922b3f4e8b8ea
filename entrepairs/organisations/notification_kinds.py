"""What organisations tell people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l

from entrepairs.core.notifications import notification_kind

ROLE_PROPOSED = notification_kind(
    "organisations.role_proposed",
    _l("A role in another organisation is proposed"),
    actionable=True,
)
ROLE_ANSWERED = notification_kind("organisations.role_answered", _l("An answer to a role request"))
