"""Absolute links for e-mails, calendar feeds and documents: one helper, one base (issue 15).

Every absolute link starts with `settings.SITE_URL`, the address people reach the app at; not
the request's host, because most mails leave from background tasks with no request, and a link
must not depend on which server or port happened to answer (docs/deployment.md)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse` returns it) under the configured site address."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")
