"""Training's links in the main menu: « Mes formations », for every person; the catalogue, for
whoever runs the training of an organisation (the rule that lets them see it: rules.managed_orgs).
The catalogue was reachable from the mentoring pages only (outside test of #16)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from .rules import managed_orgs


def navigation(request: HttpRequest, viewer: Any) -> list[dict[str, str]]:
    items = []
    if getattr(viewer, "person_id", None):
        items.append({"url": reverse("training:mine"), "label": _("My trainings")})
    if getattr(viewer, "is_authenticated", False) and managed_orgs(viewer):
        items.append({"url": reverse("training:catalogue"), "label": _("Training catalogue")})
    return items
