"""/healthz (liveness), /readyz (readiness) and /metrics (issue 17 §3): answered to a load
balancer's or Prometheus's plain request on the internal address, whatever the Host header and
under production's HTTPS redirect; /metrics only to allowed addresses or the token."""

import pytest
from django.urls import reverse

from entrepairs.accounts.middleware import EXEMPT_PREFIXES
from entrepairs.core import health

FOREIGN_HOST = {"HTTP_HOST": "10.0.0.7:8000"}  # a probe by address, not in ALLOWED_HOSTS


@pytest.fixture
def production_like(settings):  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["entrepairs.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_healthz_answers_ok_without_any_query(
    db, client, production_like, django_assert_num_queries
):
    with django_assert_num_queries(0):
        answer = client.get("/healthz", **FOREIGN_HOST)
    assert answer.status_code == 200
    assert answer.content == b"ok" and answer["Content-Type"].startswith("text/plain")


def test_other_pages_still_get_the_host_check_and_the_redirect(db, client, production_like):
    assert client.get("/accounts/login/", **FOREIGN_HOST).status_code == 400
    assert client.get("/accounts/login/", HTTP_HOST="entrepairs.example.org").status_code == 301


def test_readyz_reports_each_part(db, client, production_like):
    from entrepairs.core.tasks import send_notification_email

    send_notification_email.enqueue("00000000-0000-0000-0000-000000000000")
    answer = client.get("/readyz", **FOREIGN_HOST)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"status", "database", "cache", "queue", "worker"}
    assert body["database"]["ok"] and body["cache"]["ok"]
    assert body["queue"]["depth"] == 1 and body["queue"]["oldest_age_seconds"] >= 0
    assert body["status"] == "degraded"  # no worker has reported yet
    assert body["worker"] == {
        "ok": False,
        "last_heartbeat": None,
        "detail": "no worker has reported yet",
    }


def test_readyz_answers_503_only_when_the_database_is_down(db, client, monkeypatch):
    monkeypatch.setattr(health, "_database", lambda: {"ok": False, "error": "OperationalError"})
    answer = client.get(reverse("readyz"))
    assert answer.status_code == 503 and answer.json()["status"] == "down"


def test_probes_and_metrics_are_outside_two_factor_enrolment():
    assert all(path.startswith(EXEMPT_PREFIXES) for path in ("/healthz", "/readyz", "/metrics"))


def test_metrics_are_hidden_from_other_addresses(db, client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    # Through the proxy REMOTE_ADDR is the proxy's own (127.0.0.1): never trusted by address.
    proxied = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert proxied.status_code == 404


def test_metrics_with_the_token_from_anywhere(db, client, settings):
    settings.METRICS_TOKEN = "scrape-secret-0123456789"  # noqa: S105 - test value
    wrong = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 404
    right = client.get(
        "/metrics",
        REMOTE_ADDR="203.0.113.9",
        HTTP_AUTHORIZATION="Bearer scrape-secret-0123456789",
    )
    assert right.status_code == 200


def test_metrics_from_an_allowed_address(world, client_for, production_like):
    client = client_for(world.coordinator)
    client.get(reverse("people:list"), HTTP_HOST="entrepairs.example.org", secure=True)
    answer = client.get("/metrics", REMOTE_ADDR="127.0.0.1", **FOREIGN_HOST)
    assert answer.status_code == 200
    text = answer.content.decode()
    for name in (
        'entrepairs_http_request_duration_seconds_count{method="GET",view="people:list"}',
        'entrepairs_http_responses_total{method="GET",status="200",view="people:list"}',
        "entrepairs_cache_available 1.0",
        "entrepairs_database_available 1.0",
        "entrepairs_queue_depth 0.0",
        "entrepairs_queue_oldest_age_seconds 0.0",
        "entrepairs_jobs_failed 0.0",
    ):
        assert name in text, name


def test_finished_jobs_are_counted_with_their_duration():
    from datetime import UTC, datetime, timedelta
    from types import SimpleNamespace

    from entrepairs.core import metrics

    def sample(name: str, **labels: str) -> float:
        return metrics.REGISTRY.get_sample_value(name, labels) or 0.0

    task = "entrepairs.core.tasks.heartbeat"
    failed_before = sample("entrepairs_jobs_finished_total", task=task, status="FAILED")
    runs_before = sample("entrepairs_job_duration_seconds_count", task=task)
    start = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    result = SimpleNamespace(
        task=SimpleNamespace(module_path=task),
        status="FAILED",
        started_at=start,
        finished_at=start + timedelta(seconds=3),
    )
    metrics.job_finished(sender=None, task_result=result)
    assert sample("entrepairs_jobs_finished_total", task=task, status="FAILED") == failed_before + 1
    assert sample("entrepairs_job_duration_seconds_count", task=task) == runs_before + 1
