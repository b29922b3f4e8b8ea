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

from .french import french_text
from .kinds import KINDS, NotificationKind, kind_label, notification_kind
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
    "KINDS",
    "Message",
    "NotificationKind",
    "When",
    "about_key",
    "language_of",
    "lines",
    "msg",
    "msg_plural",
    "kind_label",
    "notification_kind",
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
    about: Any = None,
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

    `about` is the record it is about (a model instance): required for an actionable kind, whose
    notifications the service doing the action resolves by it (`resolve`).
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
    if kind.actionable and about is None:
        raise ValueError(f"A {kind.code!r} notification asks to act: say on what (about=).")

    notification = Notification.objects.create(
        recipient=recipient,
        subject=_fitted(stored["subject"], Notification._meta.get_field("subject").max_length),
        title=_fitted(stored["title"], Notification._meta.get_field("title").max_length),
        body=stored["body"],
        texts=texts,
        link=link,
        kind=kind.code,
        about=about_key(about) if about is not None else "",
        organisation_id=getattr(organisation, "pk", organisation),
    )
    if email and recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(str(notification.pk)))
    return notification


def about_key(record: Any) -> str:
    """The key naming a record in `Notification.about`: "<app_label.model>:<pk>"; a tuple of
    records names what they make together (a person's request to join a hosted group, which has
    no row of its own), their keys joined by "+"."""
    if isinstance(record, tuple):
        return "+".join(about_key(part) for part in record)
    return f"{record._meta.label_lower}:{record.pk}"


def resolve(
    *, kind: NotificationKind, about: Any = None, link: str = "", recipient: Any = None
) -> int:
    """What a notification asked was done (a decision decided, a pairing confirmed, an
    invitation answered), by its reader or anyone else: every notification of `kind` about that
    record not yet done is marked done, for every recipient, so none asks to act any more (the
    inbox greys it, « Traité »). Called by the domain service that does the action (one home),
    whichever channel called it. Read or not stays as it is: a reader who did not see it learns
    that it was handled.

    The record is `about` (what the notification was sent with: a model instance or a tuple of
    them), or a list of such: one query for a decision's advice requests. `recipient` (a user or its id) limits it
    to one reader, when the action was theirs only (one of a pair confirmed, the other still has
    to). `link` is the
    older form, for notifications sent before they named their record (their link held the id).
    Returns how many were resolved."""
    from django.db.models import Q
    from django.utils import timezone

    if about is None and not link:
        raise ValueError("Resolve notifications about a record: say which (about=).")
    if about is None:
        which = Q(link=link)
    elif isinstance(about, list):
        which = Q(about__in=[about_key(record) for record in about])
    else:
        which = Q(about=about_key(about))
        if link:
            which |= Q(about="", link=link)
    rows = Notification.objects.filter(which, kind=kind.code, done_at__isnull=True)
    if recipient is not None:
        rows = rows.filter(recipient_id=getattr(recipient, "pk", recipient))
    return rows.order_by().update(done_at=timezone.now())


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
    return groups, mine.exclude(
        read_at__isnull=True, done_at__isnull=True, kind__in=[g.kind for g in groups]
    )


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
    read_groups, read = _gather(mine.exclude(read_at__isnull=True, done_at__isnull=True))
    return InboxPage(unread_groups, list(unread), read_groups, read)
