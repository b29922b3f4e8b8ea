import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from entrepairs.core.models import Notification, WorkerHeartbeat
from entrepairs.core.notifications import notify
from entrepairs.core.scheduling import enqueue_tick
from entrepairs.core.tests.notifying import EXAMPLE, LINK

pytestmark = pytest.mark.django_db
# The database worker closes its connections between tasks: those tests need real transactions.
worker_db = pytest.mark.django_db(transaction=True)


@worker_db
def test_it_emails_a_notification_through_the_database_worker(world, mailoutbox):
    notification = notify(
        kind=EXAMPLE,
        link=LINK,
        recipient=world.professional.user,
        subject="Séance demain",
        body="Salle 2",
        organisation=world.org_a,
    )
    assert mailoutbox == []  # queued, not sent inline
    call_command("db_worker", batch=True, reload=False, startup_delay=False, stdout=io.StringIO())
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert mailoutbox[0].subject == "[Entrepairs] Séance demain"


@worker_db
def test_it_reports_health_with_a_live_worker(world, client):
    assert client.get(reverse("readyz")).json()["worker"]["ok"] is False
    enqueue_tick("entrepairs.core.tasks.heartbeat")
    call_command("db_worker", batch=True, reload=False, startup_delay=False, stdout=io.StringIO())
    body = client.get(reverse("readyz")).json()
    assert body["status"] == "ok" and body["database"]["ok"] and body["worker"]["ok"]
    assert WorkerHeartbeat.objects.exists()


def test_it_shows_and_marks_notifications_read_in_the_inbox(world, client_for):
    notify(
        kind=EXAMPLE,
        link=LINK,
        recipient=world.professional.user,
        subject="Bienvenue",
        body="Votre compte est prêt.",
        email=False,
        organisation=world.org_a,
    )
    client = client_for(world.professional)
    page = client.get(reverse("notifications:list"))
    assert page.context["unread_notifications"] == 1
    n = Notification.objects.get(subject="Bienvenue")
    client.post(reverse("notifications:read", args=[n.pk]))
    n.refresh_from_db()
    assert n.read_at is not None


def test_it_reports_an_unreachable_cache_as_unavailable(db, client):
    from django.test import override_settings

    assert client.get(reverse("readyz")).json()["cache"]["ok"] is True
    nowhere = {  # nothing listens on port 1
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=nowhere):
        response = client.get(reverse("readyz"))
    # Pages work without the cache (core.cache): degraded, not down.
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert response.json()["cache"]["ok"] is False
