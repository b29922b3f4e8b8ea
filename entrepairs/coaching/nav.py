"""Coaching's link in the main menu."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest, viewer: Any) -> list[dict[str, str]]:
    if not getattr(viewer, "person_id", None):
        return []
    return [{"url": reverse("coaching:home"), "label": _("Coaching")}]
