"""In-app notifications with an e-mail copy sent by the background worker.

Every notification has a kind (what happened: "a new mentor application"), a subject naming who
and what, and a link to the record where it is acted on. The inbox gathers many notifications of
one kind under a single line ("32 nouvelles candidatures de mentor").

Their words are put together in the READER's language when shown (outside test, issue 15
F6/F17): a sender passes each text as a `msg(...)` (an English msgid and its parameters), the
notification keeps the msgid and the parameters (JSON, dates as ISO), and the inbox page, the home
page, the API (Accept-Language) and the e-mail copy (the recipient's language) render them.
French writing rules (« d’Amina », « 1er mai ») apply only to a French rendering. `msg` and
`msg_plural` are gettext keywords of the project's makemessages (core/management/commands).
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import ngettext

from .french import french_text
from .models import Notification
from .notification_texts import (
    Message,
    When,
    _rendered,
    language_of,
    lines,
    msg,
    msg_plural,
    shown,
    when_words,
)
from .permissions import current_viewer

__all__ = [
    "Message",
    "When",
    "language_of",
    "lines",
    "msg",
    "msg_plural",
    "notify",
    "resolve",
    "shown",
    "when_words",
]


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
    subject: Message | str,
    body: Message | str,
    link: str,
    email: bool = True,
    organisation: Any,
    title: Message | str = "",
) -> Notification:
    """Put a message in the recipient's inbox and queue its e-mail once the transaction commits.

    Every message has a kind, a link to the record it is about (the inbox opens it and marks the
    message read), a short subject naming who and what, and a body of its own (a sentence saying what to do, never
    an empty e-mail); never put confidential content in either: e-mails leave the platform
    (DECISIONS.md "Confidentiality": no name of a person served, no confidential text).

    `subject`, `title` and `body` are `msg(...)` texts, worded in the reader's language when read
    (the inbox, the API, the e-mail in the recipient's language); never a text translated here,
    in the sender's language. A plain str is shown as it is in every language (tests, text
    typed by a person). The stored columns keep the platform language's (French) wording.

    `organisation` (an organisation or its id) is the one the message concerns: a token scoped to
    it reads the message, a token of another organisation never does. None is a platform-wide
    message (sessions only). Every caller says (no guess from the recipient: someone working for
    two organisations would read the message under the wrong one).
    """
    from .tasks import send_notification_email

    texts = {
        part: value.as_json()
        for part, value in (("subject", subject), ("title", title), ("body", body))
        if isinstance(value, Message)
    }
    with translation.override(settings.LANGUAGE_CODE):
        # Names and dates put into a French sentence: "d’Amina", "1er mai" (core.french).
        stored = {
            part: str(french_text(_rendered(texts[part]) if part in texts else str(value)))
            for part, value in (("subject", subject), ("title", title), ("body", body))
        }
    if not stored["subject"].strip() or not stored["body"].strip():
        raise ValueError("A notification needs a subject and a body.")
    if not str(link).startswith("/") or str(link).startswith("//"):
        raise ValueError("A notification links to the record it is about (a path of the site).")
    if kind.code not in KINDS:
        raise ValueError(f"Unknown notification kind {kind.code!r}: declare it.")

    notification = Notification.objects.create(
        recipient=recipient,
        subject=_fitted(stored["subject"], Notification._meta.get_field("subject").max_length),
        title=_fitted(stored["title"], Notification._meta.get_field("title").max_length),
        body=stored["body"],
        texts=texts,
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
