"""Helpers shared by the mentoring pages."""

from typing import Any

from entrepairs.people.models import Person
from entrepairs.people.selectors import acting_person

from ..rules import can_see_staff_training, can_see_youths


def actor(request: Any) -> Person | None:
    return acting_person(request.user)


def nav_capabilities(viewer: Any) -> dict[str, bool]:
    """What the mentoring sub-navigation offers (templates/mentoring/_subnav.html)."""
    return {
        "can_see_youths": can_see_youths(viewer),
        "can_see_staff_training": can_see_staff_training(viewer),
    }
