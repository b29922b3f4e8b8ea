"""The background jobs page and API, for platform administrators: queued, running (with their
last heartbeat) and failed jobs, never their arguments; a failed job is retried after a
confirmation; the page's queries do not grow with its rows."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from entrepairs.core.jobs.board import queue_stats
from entrepairs.core.jobs.runs import lease_start
from entrepairs.core.tasks import send_notification_email
from entrepairs.people.tasks import run_import

pytestmark = pytest.mark.django_db

SECRET_ARG = "Personne-Secrète-4471"


@pytest.fixture(autouse=True)
def _english(settings: Any) -> Any:
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def failed_jobs(n: int = 1) -> list[DBTaskResult]:
    rows = []
    for _ in range(n):
        result = send_notification_email.enqueue(SECRET_ARG)
        row = DBTaskResult.objects.get(pk=result.id)
        row.claim("worker-1")
        row.set_failed(ConnectionRefusedError(SECRET_ARG))
        rows.append(row)
    return rows


def test_the_platform_administrator_sees_failed_jobs_in_words_without_their_arguments(
    world: Any, client_for: Any
) -> None:
    failed_jobs()
    html = client_for(world.admin).get(reverse("jobs:list")).content.decode()
    assert "E-mail copy of a notification" in html
    assert "mail server or network unavailable" in html
    assert "1 of 6" in html  # attempts made of those allowed
    assert SECRET_ARG not in html


def test_it_shows_running_jobs_with_their_last_heartbeat_and_queued_ones(
    world: Any, client_for: Any
) -> None:
    running = DBTaskResult.objects.get(pk=run_import.enqueue("x").id)
    running.claim("worker-2")
    lease_start(running, "worker-2")
    send_notification_email.enqueue(SECRET_ARG)
    client = client_for(world.admin)
    page = client.get(reverse("jobs:list"), {"state": "running"})
    assert page.context["rows"][0].label == "Import of people"
    assert page.context["rows"][0].beat_at is not None
    queued = client.get(reverse("jobs:list"), {"state": "queued"})
    assert [r.label for r in queued.context["rows"]] == ["E-mail copy of a notification"]
    assert queued.context["counts"] == {"queued": 1, "running": 1, "failed": 0}


def test_others_may_not_see_the_jobs(world: Any, client_for: Any) -> None:
    for who in (world.coordinator, world.manager, world.professional):
        assert client_for(who).get(reverse("jobs:list")).status_code == 403
    assert APIClient().get("/api/v1/jobs/").status_code in (401, 403)


def test_a_failed_job_is_retried_after_a_confirmation(world: Any, client_for: Any) -> None:
    (job,) = failed_jobs()
    client = client_for(world.admin)
    url = reverse("jobs:retry", args=[job.pk])
    asked = client.post(url)
    assert asked.status_code == 200 and "Yes, retry the job" in asked.content.decode()
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED  # nothing done before the confirmation
    done = client.post(url, {"confirmed": "1"})
    assert done.status_code == 302
    job.refresh_from_db()
    assert job.status == TaskResultStatus.READY and job.worker_ids == []
    assert job.run_after <= timezone.now()


def test_the_api_lists_and_retries_failed_jobs_for_the_administrator(world: Any) -> None:
    (job,) = failed_jobs()
    api = APIClient()
    api.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")
    listed = api.get("/api/v1/jobs/", {"state": "failed"}).json()
    assert listed["results"][0]["name"] == "E-mail copy of a notification"
    assert listed["results"][0]["error"] == "ConnectionRefusedError"
    assert SECRET_ARG not in str(listed)
    retried = api.post(f"/api/v1/jobs/{job.pk}/retry/")
    assert retried.status_code == 200 and retried.json()["status"] == "READY"
    assert api.post(f"/api/v1/jobs/{job.pk}/retry/").status_code == 404  # no longer failed
    assert api.get("/api/v1/jobs/", {"state": "lost"}).status_code == 400
    schema = api.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/jobs/{id}/retry/" in schema["paths"]


def test_queue_stats_count_the_jobs_and_the_age_of_the_oldest_due() -> None:
    assert queue_stats()["oldest_queued_age_seconds"] is None
    send_notification_email.enqueue("a")
    failed_jobs()
    stats = queue_stats(now=timezone.now() + timedelta(minutes=5))
    assert (stats["queued"], stats["running"], stats["failed"]) == (1, 0, 1)
    assert stats["oldest_queued_age_seconds"] >= 300
