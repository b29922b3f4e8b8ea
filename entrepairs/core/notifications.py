"""In-app notifications with an e-mail copy sent by the background worker."""

from typing import Any

from django.db import transaction

from .models import Notification
from .permissions import current_viewer


def inbox(user: Any) -> Any:
    """The notifications `user` may read. They carry no organisation yet and may name people of
    any of the user's organisations, so a token scoped to one organisation lists none (issue 10:
    tag them with their organisation to show a scoped token its own)."""
    if current_viewer(user).scope is not None:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notify(
    *, recipient: Any, subject: str, body: str, link: str = "", email: bool = True
) -> Notification:
    """Put a message in the recipient's inbox and queue its e-mail once the transaction commits.

    Every message has a short subject and a body of its own (a sentence saying what to do, never
    an empty e-mail); never put confidential content in either: e-mails leave the platform
    (DECISIONS.md "Confidentiality": no name of a person served, no confidential text).
    """
    from .tasks import send_notification_email

    if not str(subject).strip() or not str(body).strip():
        raise ValueError("A notification needs a subject and a body.")

    notification = Notification.objects.create(
        recipient=recipient, subject=subject, body=body, link=link
    )
    if email and recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(str(notification.pk)))
    return notification
