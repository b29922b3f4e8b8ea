"""What groups tell people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext_lazy

from entrepairs.core.notifications import notification_kind

CO_OWNERSHIP = notification_kind(
    "groups.co_ownership", _l("A group asks your organisation to co-own it"), actionable=True
)
CHARTER_CHANGED = notification_kind(
    "groups.charter_changed", _l("Your group's charter changed"), actionable=True
)
SESSIONS_CHANGED = notification_kind(
    "groups.sessions_changed",
    _l("Group sessions planned, moved or cancelled"),
    ngettext_lazy(
        "%(count)s change to your group sessions",
        "%(count)s changes to your group sessions",
        "count",
    ),
)
SITUATION_WITHDRAWN = notification_kind(
    "groups.situation_withdrawn", _l("A facilitator withdrew one of your situations")
)
ABSENCES = notification_kind("groups.absences", _l("Absences from group sessions"))
CONVOCATION = notification_kind(
    "groups.convocation",
    _l("Convocation"),
    ngettext_lazy(
        "%(count)s convocation to a session", "%(count)s convocations to sessions", "count"
    ),
)
SESSION_TOMORROW = notification_kind("groups.session_tomorrow", _l("A session tomorrow"))
ATTENDANCE_TO_RECORD = notification_kind(
    "groups.attendance_to_record",
    _l("Record the attendance"),
    ngettext_lazy(
        "%(count)s session whose attendance is to record",
        "%(count)s sessions whose attendance is to record",
        "count",
    ),
    actionable=True,
)
HIERARCHY_IN_GROUP = notification_kind(
    "groups.hierarchy_in_group", _l("A new line manager puts the hierarchy in a group")
)
