"""How long a session lasts: an inactivity limit per person ("sign out everywhere" is a write:
services.sign_out_everywhere).

The limit is the strictest of the person's organisations: an organisation's own setting applies to
everyone holding a role in it; without one, people holding a role that handles children's data
get settings.SESSION_IDLE_MINUTES (30 by default, issue 10), others only the session's lifetime.
It is computed at sign-in and refreshed every few minutes, kept in the session, so a request
costs no query for it.
"""

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from entrepairs.organisations.models import Membership

from .rules import CHILD_DATA_ROLES

LAST_SEEN = "ep_last_seen"
LIMIT = "ep_idle_limit"  # [minutes or None, when computed]
REFRESH_SECONDS = 300
# Writing the session on every request would write the database on every request (sessions live
# there): the last activity is stored to the minute.
SEEN_GRANULARITY = 60


def idle_limit_minutes(user: Any) -> int | None:
    """Minutes of inactivity after which the user's session ends; None: no limit of its own."""
    limits: list[int] = []
    rows = Membership.objects.active().filter(person__user=user, person__is_active=True)
    for role, minutes in rows.values_list("role", "organisation__session_idle_minutes"):
        if minutes:
            limits.append(minutes)
        elif role in CHILD_DATA_ROLES:
            limits.append(settings.SESSION_IDLE_MINUTES)
    if user.is_superuser:  # the platform administrator sees every organisation's people
        limits.append(settings.SESSION_IDLE_MINUTES)
    return min(limits, default=None)


def start(request: HttpRequest, user: Any) -> None:
    """At sign-in: the session starts active now, with the user's limit."""
    now = time.time()
    request.session[LAST_SEEN] = now
    request.session[LIMIT] = [idle_limit_minutes(user), now]


def current_limit(request: HttpRequest) -> int | None:
    now = time.time()
    cached = request.session.get(LIMIT)
    if not cached or now - cached[1] > REFRESH_SECONDS:
        cached = [idle_limit_minutes(request.user), now]
        request.session[LIMIT] = cached
    return cached[0]


def is_idle_too_long(request: HttpRequest) -> bool:
    """True when the session outlived its inactivity limit; otherwise records this activity."""
    now = time.time()
    last_seen = request.session.get(LAST_SEEN)
    limit = current_limit(request)
    if last_seen is not None and limit is not None and now - last_seen > limit * 60:
        return True
    if last_seen is None or now - last_seen >= SEEN_GRANULARITY:
        request.session[LAST_SEEN] = now
    return False
