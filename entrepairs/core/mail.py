"""E-mails sent outside notify() (a person without an account, a check-in link, a convocation
with its calendar file, a newsletter): written in the RECIPIENT's language, never the sender's
(outside test of issue 15: a coordinator browsing in English sent English onboarding mails to
French providers). One home: `send_in_language` words the subject and body inside the
recipient's language; `recipient_language` says which it is.

DECISIONS.md "Confidentiality": an e-mail carries no name of a child or of a person served and no
confidential text; callers pass only short, nameless texts (the tests check it per kind)."""

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation

from .notification_texts import language_of

OFFERED = dict(settings.LANGUAGES)


def recipient_language(recipient: Any) -> str:
    """The language to write to `recipient` in: a user's preference; a person's account's
    preference; for a person without an account, French unless the languages recorded for them
    leave French out (then the first the platform offers); else the platform's (French)."""
    if recipient is None or isinstance(recipient, str):
        return settings.LANGUAGE_CODE
    if hasattr(recipient, "preferred_language"):
        return language_of(recipient)
    user = getattr(recipient, "user", None) if getattr(recipient, "user_id", None) else None
    if user is not None:
        return language_of(user)
    spoken = [str(code) for code in getattr(recipient, "languages", None) or []]
    if not spoken or settings.LANGUAGE_CODE in spoken:
        return settings.LANGUAGE_CODE
    return next((code for code in spoken if code in OFFERED), settings.LANGUAGE_CODE)


def send_in_language(
    language: str,
    *,
    to: Sequence[str],
    subject: Callable[[], str],
    body: Callable[[], str],
    headers: dict[str, str] | None = None,
    attachments: Sequence[tuple[str, Any, str]] = (),
    prefix: str = "[Entrepairs] ",
    on_commit: bool = True,
) -> EmailMessage:
    """One e-mail to `to`, its subject and body worded (the callables called) in `language`:
    gettext, dates and French writing rules follow it. Sent once the transaction commits (or
    now when `on_commit` is False, from a task)."""
    with translation.override(language if language in OFFERED else settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=f"{prefix}{subject()}", body=body(), to=list(to), headers=headers or {}
        )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    if on_commit:
        transaction.on_commit(message.send)
    else:
        message.send()
    return message
