"""Background work of the mailing app: announcement, confirmation and list e-mails, each written
in the language its address subscribed in (`Subscription.language`)."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.tasks import TaskContext, task
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.jobs.once import send_once
from entrepairs.core.links import absolute_url
from entrepairs.core.mail import send_in_language

if TYPE_CHECKING:
    from .models import Subscription


def _subscriber_mail(
    sub: "Subscription",
    *,
    once_key: str,
    subject: Callable[[], str],
    body: Callable[[str], str],
    headers: Callable[[str], dict[str, str]] | None = None,
) -> bool:
    """One e-mail to a subscriber, in their language, with their one-click unsubscribe link
    (passed to `body` and `headers`) and the RFC 8058 headers; sent once per `once_key` however
    often the job runs (core.jobs.once). True when it was sent now."""
    url = absolute_url(reverse("mailing:unsubscribe", args=[sub.token]))
    list_headers = {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    with send_once(once_key) as due:
        if due:
            send_in_language(
                sub.language or settings.LANGUAGE_CODE,
                to=[sub.email],
                subject=subject,
                body=lambda: body(url),
                headers={**list_headers, **(headers(url) if headers else {})},
                prefix="",
                on_commit=False,
            )
        return bool(due)


@durable(retries=5, retry_on=(OSError,), label=_("Announcement e-mails"))
@task()
def send_announcement(announcement_id: str) -> int:
    """One e-mail per active subscriber, each with a one-click unsubscribe link (RFC 8058)."""
    from django.utils.translation import gettext

    from entrepairs.core.french import long_date

    from .models import Announcement
    from .selectors import active_subscribers

    with audit_context(source="task"):
        announcement = Announcement.objects.filter(pk=announcement_id).first()
        if announcement is None:
            return 0

        def body(url: str) -> str:
            text = f"{announcement.body}\n\n"
            if announcement.event_date:
                text += f"{long_date(announcement.event_date)} — {announcement.place}\n\n"
            return text + f"{gettext('Unsubscribe (one click, no sign-in):')} {url}\n"

        sent = 0
        for sub in active_subscribers(announcement.provider_id):
            _subscriber_mail(
                sub,
                once_key=f"announcement:{announcement.pk}:{sub.pk}",
                subject=lambda: f"[Entrepairs] {announcement.title}",
                body=body,
            )
            sent += 1
        return sent


@durable(retries=5, retry_on=(OSError,), label=_("Subscription confirmation e-mail"))
@task(takes_context=True)
def send_confirmation(context: TaskContext, subscription_id: str, token: str) -> bool:
    """The double opt-in e-mail: a short subject and the confirmation link, nothing else (no
    unsubscribe link: nothing is subscribed yet)."""
    from django.utils.translation import gettext

    from entrepairs.core.french import french_text

    from .models import Subscription

    with audit_context(source="task"):
        sub = (
            Subscription.objects.select_related("provider", "mailing_list")
            .filter(pk=subscription_id)
            .first()
        )
        if sub is None or sub.is_active:
            return False
        url = absolute_url(reverse("mailing:newsletter_confirm", args=[token]))

        def body() -> str:
            if sub.mailing_list_id:
                text = gettext(
                    "Someone asked to receive the messages of the mailing list %(list)s at this "
                    "address. Confirm within 7 days by following this link:\n\n%(url)s\n\n"
                    "If it was not you, ignore this e-mail: nothing will be sent."
                ) % {"list": sub.mailing_list, "url": url}
            else:
                text = gettext(
                    "Someone, probably you, asked to receive the announcements of %(org)s at this "
                    "address. Confirm within 7 days by following this link:\n\n%(url)s\n\n"
                    "If it was not you, ignore this e-mail: nothing will be sent."
                ) % {"org": sub.provider, "url": url}
            return french_text(text)

        # Once per job (a retry is the same job); a new request for the e-mail is a new job.
        with send_once(f"confirmation:{context.task_result.id}") as due:
            if not due:
                return False
            send_in_language(
                sub.language or settings.LANGUAGE_CODE,
                to=[sub.email],
                subject=lambda: gettext("Confirm your subscription"),
                body=body,
                on_commit=False,
            )
        return True


@durable(retries=5, retry_on=(OSError,), label=_("Mailing list e-mails"))
@task()
def send_list_batch(message_id: str, subscription_ids: list[str]) -> int:
    """One batch of a list message (mailing.services.enqueue_batches paces the batches): the
    author's text as written, in the product's e-mail layout, each e-mail with its one-click
    unsubscribe link and the `List-Unsubscribe` / `List-Unsubscribe-Post` headers (RFC 8058).
    An address that left since the message was queued is skipped; progress is counted."""
    from django.db.models import F
    from django.template.loader import render_to_string

    from .models import ListMessage
    from .selectors import list_recipients

    with audit_context(source="task"):
        message = (
            ListMessage.objects.select_related("mailing_list__network")
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return 0
        archive = absolute_url(reverse("mailing_lists:message", args=[message.pk]))
        subs = list_recipients(message.mailing_list_id).filter(pk__in=subscription_ids)
        sent = 0
        for sub in subs:
            _subscriber_mail(
                sub,
                once_key=f"list-message:{message.pk}:{sub.pk}",
                subject=lambda: f"[{message.mailing_list.name}] {message.subject}",
                body=lambda url: render_to_string(
                    "mailing/email/list_mail.txt",
                    {"message": message, "unsubscribe_url": url, "archive_url": archive},
                ),
                headers=lambda url: {
                    "List-Id": f"<{message.mailing_list.pk}.lists.entrepairs>",
                    "List-Archive": f"<{archive}>",
                },
            )
            sent += 1
        # A batch run twice (a retry) sends nothing twice and is counted once.
        batch = ",".join(sorted(str(pk) for pk in subscription_ids))
        with send_once(f"list-batch:{message.pk}:{batch}") as due:
            if due:
                ListMessage.objects.filter(pk=message.pk).update(
                    sent=F("sent") + sent,
                    skipped=F("skipped") + len(subscription_ids) - sent,
                    batches_done=F("batches_done") + 1,
                )
        return sent
