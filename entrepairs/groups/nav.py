"""The groups link in the main navigation."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest, viewer: Any) -> list[dict[str, str]]:
    # Everyone with a person record may join or start a peer-support group.
    if viewer.person_id is None and not viewer.is_platform_admin:
        return []
    return [{"url": reverse("groups:list"), "label": _("Groups")}]
