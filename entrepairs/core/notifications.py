"""In-app notifications with an e-mail copy sent by the background worker."""

from typing import Any

from django.db import transaction

from .models import Notification
from .permissions import current_viewer


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
    subject: str,
    body: str,
    link: str = "",
    email: bool = True,
    organisation: Any,
) -> Notification:
    """Put a message in the recipient's inbox and queue its e-mail once the transaction commits.

    Every message has a short subject and a body of its own (a sentence saying what to do, never
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

    notification = Notification.objects.create(
        recipient=recipient,
        subject=subject,
        body=body,
        link=link,
        organisation_id=getattr(organisation, "pk", organisation),
    )
    if email and recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(str(notification.pk)))
    return notification
