"""Helpers shared by the onboarding pages (a service's errors next to a form's fields:
entrepairs.core.forms.add_errors)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def report(request: HttpRequest, exc: ValidationError) -> None:
    """Show a domain refusal as page messages (for buttons without a form of their own)."""
    for message in exc.messages:
        messages.error(request, message)
