"""Helpers shared by the mentoring pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm

from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from ..rules import can_see_staff_training, can_see_youths


def actor(request: Any) -> Person | None:
    viewer = viewer_for(request.user)
    return Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None


def nav_capabilities(viewer: Any) -> dict[str, bool]:
    """What the mentoring sub-navigation offers (templates/mentoring/_subnav.html)."""
    return {
        "can_see_youths": can_see_youths(viewer),
        "can_see_staff_training": can_see_staff_training(viewer),
    }


def form_error(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field when the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        for message in exc.messages:
            form.add_error(None, message)
