"""In-app notifications with an e-mail copy sent by the background worker.

Every notification has a kind (what happened: "a new mentor application"), a subject naming who
and what, and a link to the record where it is acted on. The inbox gathers many notifications of
one kind under a single line ("32 nouvelles candidatures de mentor").
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import ngettext

from .french import french_text
from .models import Notification
from .permissions import current_viewer


def inbox(user: Any) -> Any:
    """The notifications `user` may read: all of them in a session; with a token scoped to one
    organisation, that organisation's only (issue 10: never another's, nor a platform-wide one,
    which may name people of any of the user's organisations)."""
    scope = current_viewer(user).scope
    mine = Notification.objects.filter(recipient=user)
    return mine if scope is None else mine.filter(organisation_id=scope)


@dataclass(frozen=True)
class NotificationKind:
    """What a notification is about. `title` names one ("New mentor application"); `many`, when
    given, names several (ngettext_lazy with a `count` placeholder: "32 new mentor applications")."""

    code: str
    title: Any
    many: Any = None

    def label(self, count: int) -> str:
        if self.many is not None:
            return str(self.many % {"count": count})
        return ngettext(
            "%(count)s notification: %(kind)s", "%(count)s notifications: %(kind)s", count
        ) % {"count": count, "kind": self.title}


# Every kind, by code: filled as the apps declare theirs (notification_kind) at import.
KINDS: dict[str, NotificationKind] = {}


def notification_kind(code: str, title: Any, many: Any = None) -> NotificationKind:
    """Declare a kind of notification (once, at module level, in the app that sends it)."""
    kind = NotificationKind(code, title, many)
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


def notify(
    *,
    recipient: Any,
    kind: NotificationKind,
    subject: str,
    body: str,
    link: str,
    email: bool = True,
    organisation: Any,
    title: str = "",
) -> Notification:
    """Put a message in the recipient's inbox and queue its e-mail once the transaction commits.

    Every message has a kind, a link to the record it is about (the inbox opens it and marks the
    message read), a short subject naming who and what, and a body of its own (a sentence saying what to do, never
    an empty e-mail); never put confidential content in either: e-mails leave the platform
    (DECISIONS.md "Confidentiality": no name of a person served, no confidential text).

    `organisation` (an organisation or its id) is the one the message concerns: a token scoped to
    it reads the message, a token of another organisation never does. None is a platform-wide
    message (sessions only). Every caller says (no guess from the recipient: someone working for
    two organisations would read the message under the wrong one).
    """
    from .tasks import send_notification_email

    if not str(subject).strip() or not str(body).strip():
        raise ValueError("A notification needs a subject and a body.")
    if not str(link).startswith("/") or str(link).startswith("//"):
        raise ValueError("A notification links to the record it is about (a path of the site).")
    if kind.code not in KINDS:
        raise ValueError(f"Unknown notification kind {kind.code!r}: declare it.")

    notification = Notification.objects.create(
        recipient=recipient,
        # Names and dates put into a French sentence: "d’Amina", "1er mai" (core.french).
        subject=french_text(str(subject)),
        title=_fitted(french_text(str(title)), Notification._meta.get_field("title").max_length),
        body=french_text(str(body)),
        link=link,
        kind=kind.code,
        organisation_id=getattr(organisation, "pk", organisation),
    )
    if email and recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(str(notification.pk)))
    return notification


def resolve(*, kind: NotificationKind, link: str) -> int:
    """The thing a notification asked to act on was acted on (a mentor's application examined):
    every unread notification of `kind` about the record at `link` is marked read, for every
    recipient, so the inbox no longer says it waits. Called by the domain service that acts (one
    home); returns how many were resolved."""
    from django.utils import timezone

    return Notification.objects.filter(kind=kind.code, link=link, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _fitted(text: str, length: int | None) -> str:
    """A title naming many people is cut to its column, never refused (it is only a headline)."""
    if length is None or len(text) <= length:
        return text
    return text[: length - 1] + "…"


# Unread notifications of one kind are gathered in one line from this many on.
GROUP_FROM = 3
# Rows shown inside each gathered line, the newest (the count says how many in all).
GROUP_ROWS = 20


@dataclass
class InboxGroup:
    kind: str
    label: str
    count: int
    items: list[Any]
    open: bool = False


def _gather(rows: Any) -> tuple[list[InboxGroup], Any]:
    """`rows` with a line per kind holding GROUP_FROM notifications or more (the newest of each
    inside), and the others (a queryset). Two queries: the kinds' counts, the rows inside."""
    from django.db.models import Count, F, Window
    from django.db.models.functions import RowNumber

    counts = dict(
        rows.exclude(kind="")
        .values_list("kind")
        .annotate(n=Count("id"))
        .filter(n__gte=GROUP_FROM)
        .order_by()
    )
    gathered = rows.filter(kind__in=counts)
    items: dict[str, list[Any]] = {code: [] for code in counts}
    if counts:
        rank = Window(RowNumber(), partition_by=[F("kind")], order_by=F("created_at").desc())
        newest = gathered.annotate(rank=rank).filter(rank__lte=GROUP_ROWS).order_by("-created_at")
        for row in newest:
            items[row.kind].append(row)
    groups = [
        InboxGroup(code, kind_label(code, n), n, items[code])
        for code, n in sorted(counts.items(), key=lambda pair: -pair[1])
    ]
    return groups, rows.exclude(kind__in=list(counts))


def grouped_inbox(user: Any) -> tuple[list[InboxGroup], Any]:
    """The unread notifications gathered by kind (the API's groups), and every notification not
    gathered (a queryset)."""
    mine = inbox(user)
    groups, _rest = _gather(mine.unread())
    return groups, mine.exclude(read_at__isnull=True, kind__in=[g.kind for g in groups])


# A gathered line of unread notifications is open on arrival up to this many (a few to act on:
# outside test F5, the unread ones were the hidden ones).
OPEN_UP_TO = 5


@dataclass
class InboxPage:
    """The inbox as its page shows it (outside test F5): the unread first, gathered by kind when
    many, then the read ones, gathered the same way, the others paged."""

    unread_groups: list[InboxGroup]
    unread: list[Any]
    read_groups: list[InboxGroup]
    read: Any  # a queryset, to page

    @property
    def unread_count(self) -> int:
        return sum(g.count for g in self.unread_groups) + len(self.unread)


def inbox_page(user: Any) -> InboxPage:
    """Seven queries whatever the inbox size: for the unread and for the read, the kinds' counts,
    the rows inside the lines and the others (the read ones paged: their count and rows)."""
    mine = inbox(user)
    unread_groups, unread = _gather(mine.unread())
    for group in unread_groups:
        group.open = group.count <= OPEN_UP_TO
    read_groups, read = _gather(mine.filter(read_at__isnull=False))
    return InboxPage(unread_groups, list(unread), read_groups, read)
