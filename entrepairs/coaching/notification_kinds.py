"""What coaching tells people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext_lazy

from entrepairs.core.notifications import notification_kind

PAIRING_PROPOSED = notification_kind(
    "coaching.proposed", _l("A coach pairing to confirm"), actionable=True
)
WITHOUT_COACH = notification_kind(
    "coaching.without_coach",
    _l("A new tutor still without a coach"),
    ngettext_lazy(
        "%(count)s new tutor still without a coach",
        "%(count)s new tutors still without a coach",
        "count",
    ),
    actionable=True,
)
PAIRING_ENDED = notification_kind(
    "coaching.ended",
    _l("A coach pairing ended"),
    ngettext_lazy("%(count)s coach pairing ended", "%(count)s coach pairings ended", "count"),
    actionable=True,
)
