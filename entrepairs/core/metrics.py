"""Prometheus metrics at `/metrics` (issue 17 §3), with prometheus_client.

Counted as they happen: request latency and answers by view, exceptions by view, and the jobs a
worker process finishes (duration, outcome). Read at scrape time: the queue (depth, age of the
oldest ready job, failed jobs) from the database, and whether the cache answers.

With several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR (an empty directory, emptied at each
start) so a scrape adds up every process on the machine (docs/deployment.md, "Metrics").

`/metrics` is not public: only from an address of METRICS_ALLOWED_IPS reached directly (no
X-Forwarded-For: a request through the proxy is never trusted by address), or with
`Authorization: Bearer <METRICS_TOKEN>`; anyone else gets 404.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUEST_SECONDS = Histogram(
    "entrepairs_http_request_duration_seconds",
    "Time to answer a request, by view (URL name) and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30, 60),
)
RESPONSES = Counter(
    "entrepairs_http_responses",
    "Answers by view, method and status code.",
    ["view", "method", "status"],
)
EXCEPTIONS = Counter(
    "entrepairs_http_exceptions",
    "Exceptions raised by a view (answered 500), by view and exception class.",
    ["view", "exception"],
)
JOB_SECONDS = Histogram(
    "entrepairs_job_duration_seconds",
    "Time a background job ran, by task, in the worker that ran it.",
    ["task"],
    buckets=(0.1, 0.5, 1, 5, 15, 30, 60, 180, 600, 1800, 3600),
)
JOBS_FINISHED = Counter(
    "entrepairs_jobs_finished",
    "Background jobs finished by task and outcome (SUCCESSFUL, FAILED).",
    ["task", "status"],
)


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unresolved>"  # 404s on unknown addresses: never the path (it may hold a token)
    return match.view_name or match._func_path


class MetricsMiddleware:
    """Second in MIDDLEWARE: times every request but the probes, labelled by the URL's name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        view, method = _view_name(request), request.method or "GET"
        REQUEST_SECONDS.labels(view, method).observe(time.perf_counter() - start)
        RESPONSES.labels(view, method, str(response.status_code)).inc()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        EXCEPTIONS.labels(_view_name(request), exception.__class__.__name__).inc()


def job_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """django.tasks' task_finished: the job's outcome and how long it ran."""
    task = getattr(task_result.task, "module_path", "unknown")
    JOBS_FINISHED.labels(task, str(task_result.status)).inc()
    started, finished = task_result.started_at, task_result.finished_at
    if started and finished:
        JOB_SECONDS.labels(task).observe((finished - started).total_seconds())


STATE_GAUGES = {
    "entrepairs_cache_available": "1 when the cache (Redis) answers, 0 when it does not.",
    "entrepairs_database_available": "1 when the database answers, 0 when it does not.",
    "entrepairs_queue_depth": "Jobs ready to run, waiting for a worker.",
    "entrepairs_queue_oldest_age_seconds": "Seconds the oldest ready job has been waiting.",
    "entrepairs_jobs_failed": "Failed jobs kept in the results table.",
}


def _gauge(name: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, STATE_GAUGES[name], value=value)


class StateCollector(Collector):
    """Gauges read when Prometheus scrapes: the queue and the cache, as they are now."""

    def describe(self) -> Iterator[GaugeMetricFamily]:
        # What registering asks for: names only, no query (it happens at start-up).
        for name, text in STATE_GAUGES.items():
            yield GaugeMetricFamily(name, text)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from .cache import cache_status
        from .health import queue_status

        yield _gauge("entrepairs_cache_available", 1 if cache_status()["ok"] else 0)
        try:
            queue = queue_status()
        except Exception:  # noqa: BLE001 - a scrape without the database still shows the rest
            yield _gauge("entrepairs_database_available", 0)
            return
        yield _gauge("entrepairs_database_available", 1)
        yield _gauge("entrepairs_queue_depth", queue["depth"])
        yield _gauge("entrepairs_queue_oldest_age_seconds", queue["oldest_age_seconds"])
        yield _gauge("entrepairs_jobs_failed", queue["failed"])


_STATE = StateCollector()
REGISTRY.register(_STATE)


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(_STATE)
    return registry


def may_read_metrics(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False  # came through a proxy: REMOTE_ADDR is the proxy's, not the scraper's
    return request.META.get("REMOTE_ADDR", "") in settings.METRICS_ALLOWED_IPS


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        return HttpResponse(b"Not Found", status=404, content_type="text/plain")
    response = HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
