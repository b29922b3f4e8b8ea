"""Probes for load balancers and monitoring (issue 17 §3).

- `/healthz`, liveness: the process answers. No database, no cache: plain `ok`, answered by
  core.probes.ProbeMiddleware before any other middleware (no host check, no HTTPS redirect).
- `/readyz`, readiness: the database, the cache, the task queue and the worker, as JSON.
  HTTP 503 only when the database is down (nothing works without it); a cache down is
  "degraded" with 200 (pages work without it, core.cache), and so is a stalled worker.
"""

from datetime import timedelta
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from .cache import cache_status


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - health must report, not raise
        return {"ok": False, "error": exc.__class__.__name__}


def _worker() -> dict:
    from .models import WorkerHeartbeat

    beat = WorkerHeartbeat.objects.order_by("-beat_at").first()
    if beat is None:
        return {"ok": False, "last_heartbeat": None, "detail": "no worker has reported yet"}
    age = timezone.now() - beat.beat_at
    return {
        "ok": age < timedelta(minutes=3),
        "last_heartbeat": beat.beat_at.isoformat(),
        "age_seconds": int(age.total_seconds()),
    }


def queue_status() -> dict[str, Any]:
    """The database task queue as the probes show it: jobs due to run, the age of the one waiting
    longest, and failed jobs kept in the results table (core.jobs.board counts them)."""
    from .jobs.board import queue_stats

    stats = queue_stats()
    return {
        "ok": True,
        "depth": stats["due"],
        "oldest_age_seconds": max(0, int(stats["oldest_queued_age_seconds"] or 0)),
        "failed": stats["failed"],
    }


def _queue() -> dict[str, Any]:
    try:
        return queue_status()
    except Exception as exc:  # noqa: BLE001 - health must report, not raise
        return {"ok": False, "error": exc.__class__.__name__}


def readiness() -> dict:
    """The database, the cache, the queue and the worker, each with `ok`; `status` is "ok",
    "degraded" (something but the database is down) or "down" (the database is)."""
    database = _database()
    cache = cache_status()
    if database["ok"]:
        queue, worker = _queue(), _worker()
    else:
        queue = worker = {"ok": False, "detail": "database unreachable"}
    if not database["ok"]:
        status = "down"
    elif cache["ok"] and worker["ok"]:
        status = "ok"
    else:
        status = "degraded"
    return {
        "status": status,
        "database": database,
        "cache": cache,
        "queue": queue,
        "worker": worker,
    }


def platform_health() -> dict:
    """The readiness checks, read by the platform administrator's home page too."""
    return readiness()


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")


def readyz(request: HttpRequest) -> JsonResponse:
    health = readiness()
    response = JsonResponse(health, status=503 if health["status"] == "down" else 200)
    response["Cache-Control"] = "no-store"
    return response
