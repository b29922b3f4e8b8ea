"""Form helpers shared by the domain apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Restrict a choice field of `form` to `queryset` (what the viewer may pick)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def add_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the right fields (or in the summary)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def limit_display(form: forms.BaseForm, name: str, *, shown: Any, accepted: Any) -> None:
    """Offer `shown` in the widget but accept any of `accepted`: the page narrows choices for the
    reader, the service decides (and refuses with the same message as in the API)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = accepted
    choices: list[tuple[Any, Any]] = []
    if not isinstance(field, forms.ModelMultipleChoiceField) and field.empty_label is not None:
        choices.append(("", field.empty_label))
    choices += [(obj.pk, field.label_from_instance(obj)) for obj in shown]
    field.widget.choices = choices  # type: ignore[attr-defined]
