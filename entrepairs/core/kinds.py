"""The kinds of notification (core.notifications), declared by each app at import. Apart from
core.notifications so that the Notification model reads whether its kind asks to act without an
import circle."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import ngettext


@dataclass(frozen=True)
class NotificationKind:
    """What a notification is about. `title` names one ("New mentor application"); `many`, when
    given, names several (ngettext_lazy with a `count` placeholder: "32 new mentor applications").

    `actionable`: it asks its reader to act on one record (answer, confirm, examine). Each such
    notification names its record (`notify(about=...)`) and the domain service that does the
    action resolves it (`resolve(kind=..., about=...)`), whichever channel called the service;
    core/tests/test_notification_resolved_guard.py fails for an actionable kind that no service
    resolves (issue 15: « Votre avis est demandé » on a decision already decided)."""

    code: str
    title: Any
    many: Any = None
    actionable: bool = False

    def label(self, count: int) -> str:
        if self.many is not None:
            return str(self.many % {"count": count})
        return ngettext(
            "%(count)s notification: %(kind)s", "%(count)s notifications: %(kind)s", count
        ) % {"count": count, "kind": self.title}


# Every kind, by code: filled as the apps declare theirs (notification_kind) at import.
KINDS: dict[str, NotificationKind] = {}


def notification_kind(
    code: str, title: Any, many: Any = None, *, actionable: bool = False
) -> NotificationKind:
    """Declare a kind of notification (once, at module level, in the app that sends it)."""
    kind = NotificationKind(code, title, many, actionable)
    if KINDS.get(code, kind) != kind:
        raise ValueError(f"Two notification kinds share the code {code!r}.")
    KINDS[code] = kind
    return kind


def kind_label(code: str, count: int) -> str:
    """The line that gathers `count` notifications of the kind `code`."""
    kind = KINDS.get(code)
    if kind is None:
        return ngettext("%(count)s notification", "%(count)s notifications", count) % {
            "count": count
        }
    return kind.label(count)
