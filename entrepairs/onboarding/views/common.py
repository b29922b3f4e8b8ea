"""Helpers shared by the onboarding pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


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
