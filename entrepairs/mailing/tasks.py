"""Background work of the mailing app: announcement e-mails."""

from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse

from entrepairs.core.audit import audit_context
from entrepairs.core.links import absolute_url


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
                body += f"{announcement.event_date:%d/%m/%Y} — {announcement.place}\n\n"
            body += f"Se désinscrire / Unsubscribe: {url}\n"
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


@task()
def send_confirmation(subscription_id: str, token: str) -> bool:
    """The double opt-in e-mail: a short subject and the confirmation link, nothing else."""
    from django.utils.translation import gettext as _

    from entrepairs.core.french import french_text

    from .models import Subscription

    with audit_context(source="task"):
        sub = Subscription.objects.select_related("provider").filter(pk=subscription_id).first()
        if sub is None or sub.is_active:
            return False
        url = absolute_url(reverse("mailing:newsletter_confirm", args=[token]))
        EmailMessage(
            subject="[Entrepairs] " + _("Confirm your subscription"),
            body=french_text(
                _(
                    "Someone, probably you, asked to receive the announcements of %(org)s at this "
                    "address. Confirm within 7 days by following this link:\n\n%(url)s\n\n"
                    "If it was not you, ignore this e-mail: nothing will be sent."
                )
                % {"org": sub.provider, "url": url}
            ),
            to=[sub.email],
        ).send()
        return True
