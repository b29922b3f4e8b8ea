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

import inspect
import unicodedata
from collections.abc import Callable
from html import escape
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from entrepairs.organisations.models import Team

from .models import Person, Profession

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
    """Every word must match a first name, last name, e-mail start, team or profession.

    Read from the stored lowercase columns (Person.search_name, search_email), the word
    lowercased by the database too, so the answer is the case-insensitive match it always was;
    the team's name through the ids of the matching teams (one pass over the teams per word)
    rather than a join tested on every person of the organisation."""
    for word in text.split()[:5]:
        lowered = Lower(Value(word))
        teams = Team.objects.filter(name__icontains=word).values("pk")
        queryset = queryset.filter(
            Q(search_name__contains=lowered)
            | Q(search_email__startswith=lowered)
            | Q(team_id__in=teams)
            | Q(profession__in=professions_named(word))
        )
    return queryset


def _folded(text: str) -> str:
    """Lower case without accents: « Éducat » finds « Éducateur·rice », « educat » too."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def professions_named(word: str) -> list[str]:
    """The professions whose label, in the reader's language, contains `word`: the picker shows
    « Psychologue », so typing it must find the psychologists (the stored column holds codes)."""
    wanted = _folded(word)
    return [code for code, label in Profession.choices if wanted in _folded(str(label))]


def first_matches(name: str, user: Any, text: str, token: str) -> dict[str, Any]:
    """The first RESULTS matches of source `name` for `user`, as the page's picker and the API
    answer them. An unknown source or a forged context is missing (Http404); the source itself
    answers 404 for an object the user may not see and 403 where they see it but may not act."""
    if name not in SOURCES:
        raise Http404
    try:
        context = unsign_context(token)
        # A source that needs context (the request a coach is picked for) called without it,
        # or with another source's: no such list, not a crash (outside test of issue 16).
        inspect.signature(SOURCES[name]).bind(user, **context)
    except (signing.BadSignature, TypeError) as exc:
        raise Http404 from exc
    found = search(candidates(name, user, context), text.strip()[:100])
    rows = (
        found.select_related("team")
        .only(*LABEL_FIELDS)  # not the encrypted notes, decrypted for each row otherwise
        .order_by("last_name", "first_name", "id")
    )
    people = list(rows[: RESULTS + 1])
    return {
        "results": [{"id": str(p.pk), "label": label(p)} for p in people[:RESULTS]],
        "more": len(people) > RESULTS,
    }


LABEL_FIELDS = ("first_name", "last_name", "profession", "team__name")


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


def _attrs(attrs: dict[str, Any]) -> str:
    return "".join(
        f' {escape(str(k))}="{escape(str(v))}"' for k, v in attrs.items() if v not in (None, False)
    )


class PersonPicker(forms.Select):
    """A combobox over a registered source; renders the chosen person only."""

    multiple = False

    def __init__(self, source_name: str = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.source_name = source_name
        self.context: dict[str, Any] = {}
        self.known: dict[str, str] = {}  # labels of people the page has loaded already

    def use_required_attribute(self, initial: Any) -> bool:
        return False  # the visible input carries `aria-required`; the select is a carrier

    def _values(self, value: Any) -> list[str]:
        if value in (None, "", []):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]

    def _chosen(self, value: Any) -> list[tuple[str, str]]:
        values = self._values(value)
        queryset = getattr(self.choices, "queryset", None)
        if values and all(v in self.known for v in values):
            return [(v, self.known[v]) for v in values]  # no query per row of a long page
        if not values or queryset is None:
            return []
        try:
            rows = list(queryset.filter(pk__in=values).select_related("team")[: len(values)])
        except (ValueError, ValidationError):
            return []  # a garbled id posted back: nothing chosen
        found = {str(p.pk): label(p) for p in rows}
        return [(v, found[v]) for v in values if v in found]

    def _chosen_list(self, field_id: str, chosen: list[tuple[str, str]]) -> str:
        """Multiple choice: the chosen people, each with a button that removes them."""
        items = "".join(
            f'<li data-id="{escape(v)}"><span>{escape(text)}</span> <button type="button"'
            f' class="picker-remove" aria-label="{escape(_("Remove"))} {escape(text)}">'
            "×</button></li>"
            for v, text in chosen
        )
        return (
            f'<ul id="{escape(field_id)}_chosen" class="picker-chosen"'
            f' aria-label="{escape(_("People chosen"))}">{items}</ul>'
        )

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        assert self.source_name, "a person picker is given its source by use_picker()"
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        field_id = str(final.pop("id", None) or f"id_{name}")
        final.pop("required", None)
        # The visible input takes the field's id, so the form's <label for> names it; the select
        # beside it carries the chosen value(s).
        input_attrs = {
            k: final.pop(k) for k in list(final) if k.startswith("aria-") or k == "autofocus"
        }
        if self.multiple:
            final["multiple"] = True
        chosen = self._chosen(value)
        options = "" if self.multiple else '<option value=""></option>'
        options += "".join(
            f'<option value="{escape(v)}" selected>{escape(text)}</option>' for v, text in chosen
        )
        extra = _attrs(input_attrs)
        if self.is_required:
            extra += ' aria-required="true"'
        url = reverse("people:pick", args=[self.source_name])
        token = sign_context(self.context)
        shown = escape(chosen[0][1]) if chosen and not self.multiple else ""
        hint = escape(_("Type a name, a team or a profession"))
        html = (
            f'<div class="picker" data-picker-url="{escape(url)}"'
            f' data-picker-context="{escape(token)}" data-empty-text="{escape(_("No match"))}"'
            f' data-remove-text="{escape(_("Remove"))}">'
            f'<select id="{escape(field_id)}_value"{_attrs(final)} tabindex="-1" aria-hidden="true"'
            f" hidden>{options}</select>"
            + (self._chosen_list(field_id, chosen) if self.multiple else "")
            + f'<input type="text" id="{escape(field_id)}" class="picker-input" role="combobox"'
            f' aria-autocomplete="list" aria-expanded="false" aria-controls="{escape(field_id)}_list"'
            f' autocomplete="off" spellcheck="false" value="{shown}" placeholder="{hint}"{extra}>'
            f'<ul id="{escape(field_id)}_list" role="listbox" class="picker-list" hidden></ul>'
            '<p class="picker-status visually-hidden" role="status" aria-live="polite"></p>'
            "</div>"
        )
        return mark_safe(html)  # noqa: S308 - every part escaped above  # nosec B308 B703


class PeoplePicker(PersonPicker):
    """The same combobox for a choice of several people: the chosen ones listed above it."""

    allow_multiple_selected = True
    multiple = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty multiple choice is not posted at all


def use_picker(
    form: forms.BaseForm,
    names: list[str],
    source_name: str,
    viewer: Any,
    *,
    accepted: QuerySet[Person] | None = None,
    known: list[Person] | None = None,
    **context: Any,
) -> None:
    """Turn the person fields `names` of `form` into pickers over `source_name`. Validation and
    search read the same queryset, unless `accepted` is given: then the picker offers the
    source's people and the form accepts any of `accepted` (core.forms.limit_display: the page
    narrows what it suggests, the service decides and refuses with the same message as the API)."""
    # Only asked when the form accepts the source's people: a source may fetch and check an
    # object (a group, a leave), which the page has done already.
    people = accepted if accepted is not None else candidates(source_name, viewer, context)
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people
        many = isinstance(field, forms.ModelMultipleChoiceField)
        widget = (PeoplePicker if many else PersonPicker)(source_name, attrs=field.widget.attrs)
        widget.context = context
        widget.known = {str(p.pk): label(p) for p in known or []}
        widget.is_required = field.required
        widget.choices = field.choices  # type: ignore[assignment]
        field.widget = widget
        field.label_from_instance = label  # type: ignore[method-assign,assignment]


def is_picker(widget: forms.Widget) -> bool:
    """Whether a person field is served by the picker (tests list the fields that are not)."""
    return isinstance(widget, PersonPicker) and bool(widget.source_name)
