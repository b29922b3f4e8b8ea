"""`/healthz`: database, cache and worker health as JSON, for load balancers and monitoring."""

from datetime import timedelta

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - health must report, not raise
        return {"ok": False, "error": exc.__class__.__name__}


def _cache() -> dict:
    # Sessions, sign-in rate limits and cached list pages live there: without it pages fail.
    from django.core.cache import cache

    try:
        cache.set("healthz:probe", "1", 30)
        return {"ok": cache.get("healthz:probe") == "1", "backend": cache.__class__.__name__}
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


def platform_health() -> dict:
    """The database, the cache and the background worker, each with `ok` (also read by the
    platform administrator's home page)."""
    database = _database()
    cache = _cache()
    worker = _worker() if database["ok"] else {"ok": False, "detail": "database unreachable"}
    ok = database["ok"] and cache["ok"] and worker["ok"]
    return {
        "status": "ok" if ok else "degraded",
        "database": database,
        "cache": cache,
        "worker": worker,
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    health = platform_health()
    database, cache = health["database"], health["cache"]
    return JsonResponse(
        health,
        # The app cannot serve pages without its database or its cache; a stopped worker only
        # delays background work.
        status=200 if database["ok"] and cache["ok"] else 503,
    )
