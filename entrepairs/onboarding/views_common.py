"""Helpers shared by the onboarding pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person


def me(request: HttpRequest) -> Person | None:
    viewer = viewer_for(request.user)
    if viewer.person_id is None:
        return None
    cached = getattr(request, "_onboarding_me", None)
    if cached is None:
        cached = Person.objects.filter(pk=viewer.person_id).first()
        request._onboarding_me = cached  # type: ignore[attr-defined]
    return cached


def managed_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=viewer_for(request.user).managed_orgs)


def report(request: HttpRequest, exc: ValidationError) -> None:
    """Show a domain refusal as page messages (for buttons without a form of their own)."""
    for message in exc.messages:
        messages.error(request, message)


def add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
