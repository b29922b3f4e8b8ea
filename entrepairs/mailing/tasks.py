"""Background work of the mailing app: announcement e-mails."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import TaskContext, task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.french import long_date
from entrepairs.core.jobs import durable
from entrepairs.core.jobs.once import send_once
from entrepairs.core.links import absolute_url


@durable(retries=5, retry_on=(OSError,), label=_("Announcement e-mails"))
@task()
def send_announcement(announcement_id: str) -> int:
    """One e-mail per active subscriber, each with a one-click unsubscribe link (RFC 8058)."""
    from .models import Announcement
    from .selectors import active_subscribers

    with audit_context(source="task"):
        announcement = Announcement.objects.filter(pk=announcement_id).first()
        if announcement is None:
            return 0
        sent = 0
        for sub in active_subscribers(announcement.provider_id):
            url = absolute_url(reverse("mailing:unsubscribe", args=[sub.token]))
            body = f"{announcement.body}\n\n"
            if announcement.event_date:
                # A subscriber has no recorded language: the platform's (French), in words.
                with translation.override(settings.LANGUAGE_CODE):
                    day = long_date(announcement.event_date)
                body += f"{day} — {announcement.place}\n\n"
            body += f"Se désinscrire / Unsubscribe: {url}\n"
            # Each subscriber once, however often the job runs (core.jobs.once).
            with send_once(f"announcement:{announcement.pk}:{sub.pk}") as due:
                if due:
                    EmailMessage(
                        subject=f"[Entrepairs] {announcement.title}",
                        body=body,
                        to=[sub.email],
                        headers={
                            "List-Unsubscribe": f"<{url}>",
                            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                        },
                    ).send()
            sent += 1
        return sent


@durable(retries=5, retry_on=(OSError,), label=_("Subscription confirmation e-mail"))
@task(takes_context=True)
def send_confirmation(context: TaskContext, subscription_id: str, token: str) -> bool:
    """The double opt-in e-mail: a short subject and the confirmation link, nothing else."""
    from django.utils.translation import gettext as _

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
        if sub.mailing_list_id:
            text = _(
                "Someone asked to receive the messages of the mailing list %(list)s at this "
                "address. Confirm within 7 days by following this link:\n\n%(url)s\n\n"
                "If it was not you, ignore this e-mail: nothing will be sent."
            ) % {"list": sub.mailing_list, "url": url}
        else:
            text = _(
                "Someone, probably you, asked to receive the announcements of %(org)s at this "
                "address. Confirm within 7 days by following this link:\n\n%(url)s\n\n"
                "If it was not you, ignore this e-mail: nothing will be sent."
            ) % {"org": sub.provider, "url": url}
        # Once per job (a retry is the same job); a new request for the e-mail is a new job.
        with send_once(f"confirmation:{context.task_result.id}") as due:
            if not due:
                return False
            EmailMessage(
                subject="[Entrepairs] " + _("Confirm your subscription"),
                body=french_text(text),
                to=[sub.email],
            ).send()
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
        with translation.override(settings.LANGUAGE_CODE):
            for sub in subs:
                url = absolute_url(reverse("mailing:unsubscribe", args=[sub.token]))
                body = render_to_string(
                    "mailing/email/list_mail.txt",
                    {"message": message, "unsubscribe_url": url, "archive_url": archive},
                )
                with send_once(f"list-message:{message.pk}:{sub.pk}") as due:
                    if due:
                        EmailMessage(
                            subject=f"[{message.mailing_list.name}] {message.subject}",
                            body=body,
                            to=[sub.email],
                            headers={
                                "List-Unsubscribe": f"<{url}>",
                                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                                "List-Id": f"<{message.mailing_list.pk}.lists.entrepairs>",
                                "List-Archive": f"<{archive}>",
                            },
                        ).send()
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
