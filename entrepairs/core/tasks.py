"""Background work, run by Django's tasks framework on the database queue (core.jobs).

Recurring jobs carry an `@every(crontab)` schedule (core.scheduling): `manage.py run_scheduler`
enqueues each tick once, and the worker runs it.
"""

import os
import socket
from datetime import timedelta

from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import audit_context
from .jobs import durable
from .jobs.once import prune_deliveries, send_once
from .scheduling import every, prune_ticks


@durable(retries=5, retry_on=(OSError,), label=_("E-mail copy of a notification"))
@task()
def send_notification_email(notification_id: str) -> bool:
    from .models import Notification

    with audit_context(source="task"):
        notification = (
            Notification.objects.select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        # Done before its e-mail left (a colleague answered at once): nothing to ask any more.
        if notification.done_at is not None:
            return False

        # Recorded as it is sent: a retry or a second delivery of this job sends nothing more.
        with send_once(f"notification:{notification.pk}") as due:
            if not due:
                return False
            subject, message = notification.email_text()
            send_mail(
                subject=subject,
                message=message,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        return True


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


@every("* * * * *")
@durable(label=_("Heartbeat of the background work"))
@task()
def heartbeat() -> str:
    """Every minute: proves to /healthz that the scheduler and a worker are alive."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        worker=_worker_name(), defaults={"beat_at": timezone.now()}
    )
    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - timedelta(days=1)).delete()
    prune_ticks()
    prune_deliveries()
    return "ok"
