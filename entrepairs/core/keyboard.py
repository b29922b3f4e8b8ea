"""The keyboard a phone shows for each field, set once for every form of the project (issue 15 §8:
forms usable with one thumb).

`KeyboardRenderer` is the project's form renderer (settings.FORM_RENDERER): every form, ours and
the libraries' (allauth), builds its fields with `KeyboardBoundField`, which reads the field's
kind and name and gives its input the matching hints:

- e-mail: `type=email`, `autocomplete=email`;
- telephone: `type=tel`, `inputmode=tel`, `autocomplete=tel`;
- postcode: `inputmode=numeric`, `autocomplete=postal-code`;
- whole numbers: `inputmode=numeric`; decimals: `inputmode=decimal`;
- first and last names: `autocomplete=given-name` / `family-name` (a person's own name only:
  `guardian_first_name` is someone else's, the browser must not fill in the user's).

A form or widget that sets one of these attributes itself keeps its own value. No form repeats
these rules: `hints_for` is their one home.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates

# Name words that say what a field holds (a field's name split on "_").
EMAIL_WORDS = frozenset({"email", "mail", "courriel"})
PHONE_WORDS = frozenset({"phone", "telephone", "tel", "mobile", "portable"})
POSTCODE_WORDS = frozenset({"postcode", "postal_code", "zip", "zipcode", "code_postal"})
# Fields whose name has one of these words are searches or texts about the thing, not the thing.
NOT_A_VALUE = frozenset({"search", "q", "text", "body", "subject", "template", "sent", "at"})
NAMES = {"first_name": "given-name", "last_name": "family-name", "full_name": "name"}


def _words(name: str) -> set[str]:
    return set(name.lower().split("_"))


def _single_line(widget: forms.Widget) -> bool:
    """A one-line text input (the only kind a keyboard hint applies to)."""
    return isinstance(widget, forms.widgets.Input) and getattr(widget, "input_type", "") in {
        "text",
        "email",
        "tel",
        "number",
        "search",
    }


def hints_for(name: str, field: forms.Field) -> tuple[str | None, dict[str, str]]:
    """The input type to use (None: keep the widget's) and the attributes to add, for a field."""
    widget = field.widget
    if not _single_line(widget):
        return None, {}
    words = _words(name)
    if words & NOT_A_VALUE:
        return None, {}
    if isinstance(field, forms.EmailField) or words & EMAIL_WORDS:
        return "email", {"autocomplete": "email"}
    if words & PHONE_WORDS:
        return "tel", {"inputmode": "tel", "autocomplete": "tel"}
    if words & POSTCODE_WORDS or name.lower() in POSTCODE_WORDS:
        return None, {"inputmode": "numeric", "autocomplete": "postal-code"}
    if isinstance(field, forms.IntegerField):
        return None, {"inputmode": "numeric"}
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return None, {"inputmode": "decimal"}
    if name in NAMES:
        return None, {"autocomplete": NAMES[name]}
    return None, {}


class KeyboardBoundField(BoundField):
    """A bound field whose input carries the keyboard hints of `hints_for`."""

    def __init__(self, form: Any, field: forms.Field, name: str) -> None:
        super().__init__(form, field, name)
        input_type, self.keyboard_hints = hints_for(name, field)
        # The form's own copy of the widget (forms deep-copy their fields): changing its type here
        # changes no other form.
        if input_type and getattr(field.widget, "input_type", None) == "text":
            field.widget.input_type = input_type

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        for key, value in self.keyboard_hints.items():
            if key not in attrs and key not in widget.attrs:
                attrs[key] = value
        return attrs


class KeyboardRenderer(DjangoTemplates):
    """The project's form renderer: Django's, with `KeyboardBoundField` for every field."""

    bound_field_class = KeyboardBoundField
