"""The Mentoring link, for people who have something there."""

from typing import Any

from django.utils.translation import gettext as _


def navigation(request: Any, viewer: Any) -> list[dict[str, str]]:
    from .models import Mentor, Youth
    from .rules import agency_orgs, staff_orgs

    if not viewer.is_authenticated:
        return []
    show = bool(staff_orgs(viewer) or agency_orgs(viewer))
    if not show and viewer.person_id:
        show = (
            Mentor.objects.filter(person_id=viewer.person_id).exists()
            or Youth.objects.filter(guardian_id=viewer.person_id).exists()
        )
    return [{"url": "/mentoring/", "label": _("Mentoring")}] if show else []
