"""Helpers of the coaching pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError

from entrepairs.people.models import Person
from entrepairs.people.selectors import acting_person


def actor(request: Any) -> Person | None:
    return acting_person(request.user)


def flash(request: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
