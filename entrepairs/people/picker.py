"""The person picker: one searchable field for every "choose a person" of the product (DECISIONS:
one picker component, everywhere).

A plain <select> of everyone stops working past a few hundred people (5,000 options in a large
organisation). The picker renders only the chosen person; the browser asks `people:pick` for
matches as the user types (name, team, profession), keyboard first (static/js/picker.js, the ARIA
combobox pattern). Without JavaScript it stays a <select> holding the chosen person.

One home for who may be picked: a field names a *source*, a function of the viewer (and of
signed context, such as an organisation) that returns the queryset. The form validates against
it and the search endpoint searches it, so the list offered and the choices accepted never drift.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from django import forms
from django.core import signing
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Person

Source = Callable[..., QuerySet[Person]]
SOURCES: dict[str, Source] = {}
RESULTS = 20  # the first matches shown; refining the search finds the rest
_SALT = "entrepairs.people.picker"


def source(name: str) -> Callable[[Source], Source]:
    """Register `fn(viewer, **context) -> QuerySet[Person]` as the picker source `name`."""

    def register(fn: Source) -> Source:
        SOURCES[name] = fn
        return fn

    return register


def candidates(name: str, viewer: Any, context: dict[str, Any]) -> QuerySet[Person]:
    """The people source `name` offers this viewer. A source is built from its app's access
    layer (the selector its API validates ids with), so the page, the search and the API accept
    the same people."""
    return SOURCES[name](viewer, **context)


def search(queryset: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Every word must match a first name, last name, e-mail, team or profession."""
    for word in text.split()[:5]:
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__istartswith=word)
            | Q(team__name__icontains=word)
            | Q(profession__icontains=word)
        )
    return queryset


def label(person: Person) -> str:
    """ "Léa Martin — Noyau Lille 1 · Éducatrice spécialisée" (name, then what tells namesakes apart)."""
    detail = " · ".join(
        part
        for part in (
            person.team.name if person.team_id and person.team else "",
            person.get_profession_display() if person.profession else "",
        )
        if part
    )
    name = f"{person.first_name} {person.last_name}".strip()
    return f"{name} — {detail}" if detail else name


def sign_context(context: dict[str, Any]) -> str:
    return signing.dumps({k: str(v) for k, v in context.items()}, salt=_SALT, compress=True)


def unsign_context(token: str) -> dict[str, Any]:
    if not token:
        return {}
    return dict(signing.loads(token, salt=_SALT))


class PersonPicker(forms.Select):
    """A combobox over a registered source; renders the chosen person only."""

    def __init__(self, source_name: str = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.source_name = source_name
        self.context: dict[str, Any] = {}

    def use_required_attribute(self, initial: Any) -> bool:
        return False  # the visible input carries `aria-required`; the select is a carrier

    def _chosen(self, value: Any) -> list[tuple[str, str]]:
        if value in (None, "", []):
            return []
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return []
        rows = queryset.filter(pk=value).select_related("team")[:1]
        return [(str(p.pk), label(p)) for p in rows]

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        field_id = str(final.pop("id", None) or f"id_{name}")
        final.pop("required", None)
        # The visible input takes the field's id, so the form's <label for> names it; the select
        # beside it carries the chosen value.
        input_attrs = {
            k: final.pop(k) for k in list(final) if k.startswith("aria-") or k == "autofocus"
        }
        chosen = self._chosen(value)
        options = '<option value=""></option>' + "".join(
            f'<option value="{escape(v)}" selected>{escape(text)}</option>' for v, text in chosen
        )
        select_attrs = "".join(
            f' {escape(str(k))}="{escape(str(v))}"'
            for k, v in final.items()
            if v not in (None, False)
        )
        extra = "".join(
            f' {escape(str(k))}="{escape(str(v))}"'
            for k, v in input_attrs.items()
            if v not in (None, False)
        )
        if self.is_required:
            extra += ' aria-required="true"'
        url = reverse("people:pick", args=[self.source_name])
        token = sign_context(self.context)
        shown = escape(chosen[0][1]) if chosen else ""
        hint = escape(_("Type a name, a team or a profession"))
        html = (
            f'<div class="picker" data-picker-url="{escape(url)}"'
            f' data-picker-context="{escape(token)}" data-empty-text="{escape(_("No match"))}">'
            f'<select id="{escape(field_id)}_value"{select_attrs} tabindex="-1" aria-hidden="true"'
            f" hidden>{options}</select>"
            f'<input type="text" id="{escape(field_id)}" class="picker-input" role="combobox"'
            f' aria-autocomplete="list" aria-expanded="false" aria-controls="{escape(field_id)}_list"'
            f' autocomplete="off" spellcheck="false" value="{shown}" placeholder="{hint}"{extra}>'
            f'<ul id="{escape(field_id)}_list" role="listbox" class="picker-list" hidden></ul>'
            '<p class="picker-status visually-hidden" role="status" aria-live="polite"></p>'
            "</div>"
        )
        return mark_safe(html)  # noqa: S308 - every part escaped above  # nosec B308 B703


def use_picker(
    form: forms.BaseForm, names: list[str], source_name: str, viewer: Any, **context: Any
) -> None:
    """Turn the person fields `names` of `form` into pickers over `source_name` (validation and
    search read the same queryset)."""
    people = candidates(source_name, viewer, context)
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people
        widget = PersonPicker(source_name, attrs=field.widget.attrs)
        widget.context = context
        widget.is_required = field.required
        widget.choices = field.choices  # type: ignore[assignment]
        field.widget = widget
        field.label_from_instance = label  # type: ignore[method-assign,assignment]
