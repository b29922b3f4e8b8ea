"""Background work, run by Django's tasks framework (database worker by default, RQ on Redis).

Recurring jobs carry an `@every(crontab)` schedule (core.scheduling): `manage.py run_scheduler`
enqueues each tick once, and the worker runs it.
"""

import os
import socket
from datetime import timedelta

from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from .audit import audit_context
from .scheduling import every, prune_ticks


@task()
def send_notification_email(notification_id: str) -> bool:
    from .models import Notification

    with audit_context(source="task"):
        notification = (
            Notification.objects.select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None:
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
@task()
def heartbeat() -> str:
    """Every minute: proves to /healthz that the scheduler and a worker are alive."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        worker=_worker_name(), defaults={"beat_at": timezone.now()}
    )
    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - timedelta(days=1)).delete()
    prune_ticks()
    return "ok"
