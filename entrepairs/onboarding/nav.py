"""The onboarding link in the main navigation, for people who have something there."""

from typing import Any

from django.db.models import Exists, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest, viewer: Any) -> list[dict[str, str]]:
    """Coordinators always; others when they take part in a journey, own an open task or provide
    a welcome-kit item not ready yet (one query)."""
    from entrepairs.people.models import Person

    from .models import Journey, JourneyTask, KitCheck
    from .rules import coordinated_org_ids

    link = [{"url": reverse("onboarding:dashboard"), "label": _("Onboarding")}]
    if coordinated_org_ids(viewer):
        return link
    pid = viewer.person_id
    if pid is None:
        return []
    # One query of separate EXISTS, each served by its own index (an OR across the joined tasks
    # and kit checks could use none: 113 ms of a mentor's 252 ms page at national scale).
    involved = (
        Person.objects.filter(pk=pid)
        .filter(
            Exists(
                Journey.objects.filter(Q(newcomer_id=pid) | Q(tutor_id=pid) | Q(referent_id=pid))
            )
            | Exists(Journey.objects.filter(newcomer__line_manager_id=pid))
            | Exists(JourneyTask.objects.filter(owner_id=pid, done_at=None))
            | Exists(KitCheck.objects.filter(provider_id=pid, ready_at=None))
        )
        .exists()
    )
    return link if involved else []
