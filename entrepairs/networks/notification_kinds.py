"""What networks tell people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l

from entrepairs.core.notifications import notification_kind

INVITATION = notification_kind(
    "networks.invitation", _l("An invitation to a network"), actionable=True
)
REQUEST = notification_kind("networks.request", _l("A request to join a network"), actionable=True)
ANSWER = notification_kind("networks.answer", _l("An answer about a network"))
GROUP_JOIN = notification_kind(
    "networks.group_join", _l("A request to join a hosted group"), actionable=True
)
