"""What casework tells people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext_lazy

from entrepairs.core.notifications import notification_kind

HIGH_RISK = notification_kind("casework.high_risk", _l("High risk found in a safety check"))
DECISION_TO_PREPARE = notification_kind(
    "casework.decision_to_prepare", _l("A key decision is to prepare"), actionable=True
)
SAFETY_CHECK_OVERDUE = notification_kind(
    "casework.safety_check_overdue",
    _l("A safety check is overdue"),
    ngettext_lazy("%(count)s safety check overdue", "%(count)s safety checks overdue", "count"),
)
ADVICE_REQUESTED = notification_kind(
    "casework.advice_requested", _l("Your advice is requested"), actionable=True
)
LEAVE_COVER = notification_kind("casework.leave_cover", _l("You replace a colleague on leave"))
CONTINUITY = notification_kind("casework.continuity", _l("Continuity of the core team's cases"))
