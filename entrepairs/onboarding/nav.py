"""The onboarding link in the main navigation, for people who have something there."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest, viewer: Any) -> list[dict[str, str]]:
    """Coordinators always; others when they take part in a journey, own an open task or provide
    a welcome-kit item not ready yet (one query)."""
    from .models import Journey
    from .rules import coordinated_org_ids

    link = [{"url": reverse("onboarding:dashboard"), "label": _("Onboarding")}]
    if coordinated_org_ids(viewer):
        return link
    pid = viewer.person_id
    if pid is None:
        return []
    involved = Journey.objects.filter(
        Q(newcomer_id=pid)
        | Q(tutor_id=pid)
        | Q(referent_id=pid)
        | Q(newcomer__line_manager_id=pid)
        | Q(tasks__owner_id=pid, tasks__done_at=None)
        | Q(kit_checks__provider_id=pid, kit_checks__ready_at=None)
    ).exists()
    return link if involved else []
