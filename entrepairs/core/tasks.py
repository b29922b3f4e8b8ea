"""Background work, run by Django's tasks framework (database worker by default, RQ on Redis).

Periodic jobs re-enqueue themselves with `run_after`: the queue is the framework's, and
`manage.py schedule_periodic_tasks` (run when the worker starts) makes sure each chain exists once.
"""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from .audit import audit_context

HEARTBEAT_SECONDS = 60


@task()
def send_notification_email(notification_id: str) -> bool:
    from .models import Notification

    with audit_context(source="task"):
        notification = (
            Notification.objects.select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        link = f"\n\n{settings.SITE_URL}{notification.link}" if notification.link else ""
        send_mail(
            subject=f"[Entrepairs] {notification.subject}",
            message=f"{notification.body}{link}",
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        return True


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


@task()
def heartbeat(reschedule: bool = True) -> str:
    """Proves to /healthz that a worker is alive, then schedules the next beat."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        worker=_worker_name(), defaults={"beat_at": timezone.now()}
    )
    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - timedelta(days=1)).delete()
    if reschedule:
        heartbeat.using(run_after=timezone.now() + timedelta(seconds=HEARTBEAT_SECONDS)).enqueue()
    return "ok"


# Self-rescheduling chains started by `manage.py schedule_periodic_tasks` (each app lists its own).
PERIODIC_TASKS = [heartbeat]
