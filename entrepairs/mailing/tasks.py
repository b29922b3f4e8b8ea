"""Background work of the mailing app: announcement e-mails."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse

from entrepairs.core.audit import audit_context


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
            url = settings.SITE_URL + reverse("mailing:unsubscribe", args=[sub.token])
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
