"""Locust users of the load benchmark, started by bench/load_national.py (not by hand).

It needs no Django: the plan (bench/load_mix.py, written as JSON) says who each signed-in user is,
their session and the steps of their work. Environment:

- LOAD_PLAN: the plan's JSON file; LOAD_PORTS: the app servers' ports on 127.0.0.1, "8801,8802";
- LOAD_THINK: the pause of a signed-in user between two pages, "min,max" seconds;
- LOAD_OUT: where to write `<LOAD_OUT>_spawned` (when every user runs) and `<LOAD_OUT>_refused`.

Balancing (what a proxy with passive checks does, nginx's default): each request goes to the next
port in turn; a port whose connection is refused is left out for 10 s and the request goes to the
other one, counted under REFUSED_LABEL (it is not an error the user sees). A request in flight on a
server that dies fails, under its page's name. Two fixed users probe as a load balancer would: one
reads `/healthz`, one a bare Django view through the whole middleware stack, twice a second.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import string
import threading
import time

from load_mix import ATTENDANCE_LABEL, attendance_form  # bench/ is on locust's path
from locust import HttpUser, constant, events, task
from requests.exceptions import ConnectionError as RequestsConnectionError

PORTS = [int(p) for p in os.environ.get("LOAD_PORTS", "8801").split(",")]
THINK = [float(s) for s in os.environ.get("LOAD_THINK", "5,15").split(",")]
PLAN: list[dict] = []
if os.environ.get("LOAD_PLAN"):
    with open(os.environ["LOAD_PLAN"]) as f:
        PLAN = json.load(f)
REFUSED_LABEL = "(connection refused, sent to the other server)"
DOWN_SECONDS = 10.0


class Balancer:
    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.turn = itertools.count()
        self.down_until: dict[int, float] = {}
        self.refused = 0
        self.lock = threading.Lock()

    def pick(self) -> int:
        with self.lock:
            now = time.monotonic()
            for _ in range(len(self.ports)):
                port = self.ports[next(self.turn) % len(self.ports)]
                if self.down_until.get(port, 0) <= now:
                    return port
            return self.ports[next(self.turn) % len(self.ports)]  # all down: try anyway

    def mark_down(self, port: int) -> None:
        with self.lock:
            self.down_until[port] = time.monotonic() + DOWN_SECONDS


BALANCER = Balancer(PORTS)
OUT = os.environ.get("LOAD_OUT", "")


@events.spawning_complete.add_listener
def _spawned(user_count: int, **kwargs) -> None:
    """The moment every user runs (the figures start here): the drill times its kill from it."""
    if OUT:
        with open(f"{OUT}_spawned", "w") as f:
            f.write(str(time.time()))


@events.quitting.add_listener
def _counts(environment, **kwargs) -> None:
    if OUT:
        with open(f"{OUT}_refused", "w") as f:
            f.write(str(BALANCER.refused))


NEXT_PLANNED = itertools.count()


def _refused(response: object) -> bool:
    error = getattr(response, "error", None)
    return isinstance(error, RequestsConnectionError) and "refused" in str(error).lower()


class Balanced(HttpUser):
    abstract = True
    host = f"http://127.0.0.1:{PORTS[0]}"
    cookie = ""

    def send(self, method: str, path: str, label: str, expect: int = 200, **kwargs) -> None:
        headers = {"Host": "127.0.0.1", **kwargs.pop("headers", {})}
        if self.cookie:
            headers["Cookie"] = self.cookie
        for _ in range(len(PORTS) + 1):
            port = BALANCER.pick()
            with self.client.request(
                method,
                f"http://127.0.0.1:{port}{path}",
                name=label,
                headers=headers,
                allow_redirects=False,
                catch_response=True,
                **kwargs,
            ) as response:
                if _refused(response) and len(PORTS) > 1:
                    BALANCER.mark_down(port)
                    BALANCER.refused += 1
                    response.request_meta["name"] = REFUSED_LABEL
                    response.success()
                    continue
                if response.status_code != expect:
                    response.failure(f"HTTP {response.status_code}")
                return


class SignedIn(Balanced):
    """One planned user: a coordinator, a facilitator, a newcomer or a mentor (bench/load_mix.py)."""

    def wait_time(self) -> float:
        return random.uniform(*THINK)

    def on_start(self) -> None:
        self.client.cookies.clear()  # the session goes in the Cookie header (secure cookies)
        self.planned = PLAN[next(NEXT_PLANNED) % len(PLAN)]
        # Django accepts a CSRF secret the client made up, if the form carries the same one.
        self.csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
        self.cookie = f"sessionid={self.planned['session_key']}; csrftoken={self.csrf}"
        steps = self.planned["steps"]
        self.choices = [(s["label"], s["path"]) for s in steps]
        self.weights = [s["weight"] for s in steps]
        if self.planned["attendance_path"]:
            self.choices.append((ATTENDANCE, self.planned["attendance_path"]))
            self.weights.append(1)

    @task
    def next_page(self) -> None:
        label, path = random.choices(self.choices, weights=self.weights)[0]
        if label == ATTENDANCE:
            data = attendance_form(self.planned["attendance_members"], self.csrf, random)
            # Saved, the form sends the facilitator back to the session page.
            self.send("POST", path, ATTENDANCE_LABEL, expect=302, data=data)
        else:
            self.send("GET", path, label)


ATTENDANCE = "attendance"


class BareView(Balanced):
    """The cost of the stack itself under the same load: a view that does nothing."""

    fixed_count = 1
    wait_time = constant(0.5)

    @task
    def bare(self) -> None:
        self.send("GET", "/bench/bare", "Bare Django view")


class HealthProbe(Balanced):
    """A load balancer's probe: `/healthz` touches neither the database nor the cache."""

    fixed_count = 1
    wait_time = constant(0.5)

    @task
    def healthz(self) -> None:
        self.send("GET", "/healthz", "/healthz")
