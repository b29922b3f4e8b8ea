"""What events tell people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext_lazy

from entrepairs.core.notifications import notification_kind

SEAT_FREED = notification_kind("events.seat_freed", _l("A seat is yours"))
EVENT_TOMORROW = notification_kind(
    "events.tomorrow",
    _l("An event tomorrow"),
    ngettext_lazy("%(count)s event tomorrow", "%(count)s events tomorrow", "count"),
)
EXPERIENCED_INVITED = notification_kind(
    "events.experienced_invited", _l("Invited as an experienced tutor")
)
