"""The casework link: for coordinators and the staff roles core-team members hold (no query:
the link costs nothing on every page; the page itself lists only the teams one may see)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: Any, viewer: Any) -> list[dict[str, str]]:
    from .rules import may_do_casework, may_see_expert_inbox

    links = []
    if may_do_casework(viewer):
        links.append({"url": reverse("casework:home"), "label": _("Casework")})
    if may_see_expert_inbox(viewer):
        links.append({"url": reverse("casework:expert_inbox"), "label": _("Advice requested")})
    return links
