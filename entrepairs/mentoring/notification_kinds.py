"""What mentoring tells people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext_lazy

from entrepairs.core.notifications import notification_kind

AGREEMENT_CHANGE = notification_kind(
    "mentoring.agreement_change",
    _l("An information-sharing agreement change waits for your answer"),
    actionable=True,
)
AGREEMENT_ANSWERED = notification_kind(
    "mentoring.agreement_answered", _l("An answer about an information-sharing change")
)
MENTOR_APPLICATION = notification_kind(
    "mentoring.mentor_application",
    _l("New mentor application"),
    ngettext_lazy("%(count)s new mentor application", "%(count)s new mentor applications", "count"),
    actionable=True,
)
MATCH_INTRODUCED = notification_kind(
    "mentoring.match_introduced", _l("A mentoring match is introduced")
)
MEETING_TO_ARRANGE = notification_kind(
    "mentoring.meeting_to_arrange", _l("A mentoring meeting you help arrange")
)
MATCH_UPDATE = notification_kind(
    "mentoring.match_update", _l("An update about your mentoring match")
)
TRANSFER_TO_DECIDE = notification_kind(
    "mentoring.transfer_to_decide", _l("A youth transfer waits for your decision"), actionable=True
)
TRANSFER_ANSWERED = notification_kind(
    "mentoring.transfer_answered", _l("An answer about the handover of a youth's file")
)
YOUTH_JOINED = notification_kind(
    "mentoring.youth_joined",
    _l("A youth with a mentoring match joined your agency"),
    actionable=True,
)
CLOSURE_TO_CONFIRM = notification_kind(
    "mentoring.closure_to_confirm", _l("A match closure needs your confirmation"), actionable=True
)
MATCH_CLOSED = notification_kind("mentoring.match_closed", _l("A mentoring match was closed"))
SAFEGUARDING_REVIEW = notification_kind(
    "mentoring.safeguarding_review", _l("A safeguarding review was opened")
)
MATCH_ATTENTION = notification_kind(
    "mentoring.match_attention",
    _l("A mentoring match needs attention"),
    ngettext_lazy(
        "%(count)s mentoring match needs attention",
        "%(count)s mentoring matches need attention",
        "count",
    ),
)
PROGRAMME_WORD = notification_kind(
    "mentoring.programme_word", _l("A word from the mentoring programme")
)
