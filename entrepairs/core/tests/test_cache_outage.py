"""Redis down never breaks the app (issue 17 §2): with the cache unreachable, sign-in, pages and
the API answer, sign-in stays throttled, a server error still shows the product's page, and the
cache is used again as soon as it answers (core.cache.ResilientRedisCache)."""

import pytest
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from entrepairs.core import cache as resilient

# Nothing listens on port 1: every connection is refused at once.
DEAD_REDIS = {
    "BACKEND": "entrepairs.core.cache.ResilientRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
}


@pytest.fixture
def redis_down(settings):  # type: ignore[no-untyped-def]
    settings.CACHES = {"default": DEAD_REDIS, "django_structlog": DEAD_REDIS}
    yield


def test_sign_in_pages_and_api_answer_with_redis_down(world, client, redis_down):
    signed_in = client.post(
        "/accounts/login/", {"login": world.coordinator.user.email, "password": world.password}
    )
    assert signed_in.status_code == 302
    for url in (reverse("dashboard"), reverse("people:list"), "/api/v1/people/"):
        assert client.get(url).status_code == 200, url
    assert cache.__class__ is resilient.ResilientRedisCache or not cache.available  # type: ignore[attr-defined]
    ready = client.get(reverse("readyz"))
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded" and ready.json()["cache"]["ok"] is False


def test_failed_sign_ins_are_still_throttled_with_redis_down(world, client, redis_down):
    """Counted in this process while Redis is down: throttling never fails open."""
    email = world.professional.user.email
    for _ in range(5):
        client.post("/accounts/login/", {"login": email, "password": "wrong-password-1"})
    refused = client.post("/accounts/login/", {"login": email, "password": world.password})
    assert refused.status_code != 302  # the right password, but the account is locked for now
    assert "_auth_user_id" not in client.session


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("unexpected")


urlpatterns = [path("boom", boom)]
handler500 = "entrepairs.core.views.errors.server_error"


@pytest.mark.urls(__name__)
def test_a_server_error_with_redis_down_shows_the_product_page(db, client, redis_down):
    from entrepairs.core import metrics

    labels = {"view": f"{__name__}.boom", "exception": "RuntimeError"}
    before = metrics.REGISTRY.get_sample_value("entrepairs_http_exceptions_total", labels) or 0
    client.raise_request_exception = False
    answer = client.get("/boom")
    assert answer.status_code == 500
    assert "Entrepairs" in answer.content.decode() and 'id="way-back"' in answer.content.decode()
    # Counted for the metrics' error rate.
    assert (
        metrics.REGISTRY.get_sample_value("entrepairs_http_exceptions_total", labels) == before + 1
    )


class FlakyRedis:
    """Stands for Django's Redis client: a dict while `up`, connection refused while not."""

    def __init__(self) -> None:
        self.up = True
        self.data: dict[str, object] = {}

    def _check(self) -> None:
        if not self.up:
            raise RedisConnectionError("Connection refused")

    def get(self, key: str, default: object) -> object:
        self._check()
        return self.data.get(key, default)

    def set(self, key: str, value: object, timeout: object) -> None:
        self._check()
        self.data[key] = value

    def add(self, key: str, value: object, timeout: object) -> bool:
        self._check()
        return self.data.setdefault(key, value) is value

    def incr(self, key: str, delta: int) -> int:
        self._check()
        raise AssertionError("not used")

    def delete_many(self, keys: list[str]) -> None:
        self._check()
        for key in keys:
            self.data.pop(key, None)


def _flaky_cache() -> tuple[resilient.ResilientRedisCache, FlakyRedis]:
    backend = resilient.ResilientRedisCache("redis://127.0.0.1:1/0", {})
    fake = FlakyRedis()
    backend.__dict__["_cache"] = fake  # the cached_property RedisCache reads its client from
    return backend, fake


def test_the_cache_is_used_again_once_redis_answers(monkeypatch):
    backend, fake = _flaky_cache()
    backend.set("generation", "before")
    fake.up = False
    assert backend.get("generation", "miss") == "miss"
    assert backend.available is False
    backend.set("generation", "during")  # dropped, and remembered
    fake.up = True
    # Within the retry delay Redis is left alone: a miss, without waiting on a dead server.
    assert backend.get("generation", "miss") == "miss"
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0.0)
    backend.state.retry_at = 0.0
    assert backend.get("other", "miss") == "miss"  # answered by Redis again
    assert backend.available is True
    # What was cached before the outage and changed during it is gone, never served stale.
    assert backend.get("generation", "miss") == "miss"
    backend.set("generation", "after")
    assert backend.get("generation") == "after"


def test_rate_limit_keys_are_counted_in_the_process_while_redis_is_down():
    backend, fake = _flaky_cache()
    fake.up = False
    assert backend.add("ratelimit:newsletter:1", 0, 60) is True
    assert backend.incr("ratelimit:newsletter:1") == 1
    assert backend.incr("ratelimit:newsletter:1") == 2
    assert backend.add("listcache:x", 1, 60) is False
    with pytest.raises(ValueError):
        backend.incr("listcache:x")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_redis(port: int, directory: str) -> None:
    import shutil
    import subprocess  # nosec B404 - the drill starts a Redis of its own
    import time

    import redis

    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    subprocess.run(  # noqa: S603
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir",
         directory, "--daemonize", "yes", "--pidfile", f"{directory}/redis.pid"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    client = redis.Redis(port=port)
    for _ in range(50):
        try:
            client.ping()
            return
        except redis.exceptions.ConnectionError:
            time.sleep(0.1)


def test_drill_a_real_redis_stopped_then_started_again(tmp_path, monkeypatch):
    """A Redis of the test's own (another port, never the shared one), stopped and restarted
    empty: the cache misses meanwhile, then serves again without a new backend."""
    import os
    import signal
    import time

    port = _free_port()
    _start_redis(port, str(tmp_path))
    backend = resilient.ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {})
    try:
        backend.set("page", "cached")
        assert backend.get("page") == "cached" and backend.available
        os.kill(int((tmp_path / "redis.pid").read_text()), signal.SIGTERM)
        for _ in range(50):  # until it is gone
            if not backend.ping():
                break
            time.sleep(0.1)
        assert backend.get("page", "miss") == "miss" and not backend.available
        backend.set("page", "during")  # dropped
        _start_redis(port, str(tmp_path))
        monkeypatch.setattr(resilient, "RETRY_SECONDS", 0.0)
        backend.state.retry_at = 0.0
        backend.set("page", "after")
        assert backend.available and backend.get("page") == "after"
    finally:
        pid = tmp_path / "redis.pid"
        if pid.exists():
            os.kill(int(pid.read_text()), signal.SIGTERM)
