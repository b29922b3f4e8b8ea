"""Issue 15 §8: on a phone, every form of the project shows the right keyboard. Walks every form
class of the project (and allauth's sign-in and sign-up) and checks each e-mail, telephone,
postcode, number and name field's input: e-mail `type=email autocomplete=email`, telephone
`type=tel inputmode=tel`, postcode and whole numbers `inputmode=numeric`, names `autocomplete`.
The hints are set once (core.keyboard, the project's form renderer), never per form."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.test import Client

import entrepairs
from entrepairs.core.keyboard import KeyboardBoundField

pytestmark = pytest.mark.django_db


def _all_form_classes() -> list[type[forms.BaseForm]]:
    importlib.import_module(settings.ROOT_URLCONF)  # the views, and the forms they use
    for module in pkgutil.walk_packages(entrepairs.__path__, "entrepairs."):
        last = module.name.rsplit(".", 1)[-1]
        if "forms" in last and ".tests" not in module.name and "migrations" not in module.name:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        subclasses: list[type] = cls.__subclasses__()
        for sub in subclasses:
            todo.append(sub)
            ours = sub.__module__.startswith(("entrepairs.", "allauth.account.forms"))
            if ours and ".tests" not in sub.__module__ and getattr(sub, "base_fields", None):
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _bare(cls: type[forms.BaseForm]) -> forms.BaseForm:
    """An unbound instance with the class's declared fields, without the form's own __init__
    (which may need a viewer or a record): the hints depend on the field, not on its choices."""
    form = cls.__new__(cls)
    forms.BaseForm.__init__(form)
    return form


def _words(name: str) -> set[str]:
    return set(name.lower().split("_"))


def _expected(name: str, field: forms.Field) -> tuple[str | None, dict[str, str]]:
    widget = field.widget
    one_line = isinstance(widget, forms.widgets.Input) and widget.input_type in {
        "text",
        "email",
        "tel",
        "number",
    }
    if not one_line or _words(name) & {"search", "q", "text", "subject"}:
        return None, {}
    if isinstance(field, forms.EmailField) or "email" in _words(name):
        return "email", {"autocomplete": "email"}
    if _words(name) & {"phone", "telephone", "mobile"}:
        return "tel", {"inputmode": "tel"}
    if _words(name) & {"postcode", "zip"} or name == "postal_code":
        return None, {"inputmode": "numeric"}
    if isinstance(field, forms.IntegerField):
        return None, {"inputmode": "numeric"}
    if name in {"first_name", "last_name"}:
        return None, {
            "autocomplete": {"first_name": "given-name", "last_name": "family-name"}[name]
        }
    return None, {}


def test_every_form_of_the_project_gives_each_field_its_phone_keyboard() -> None:
    classes = _all_form_classes()
    assert len(classes) > 80, len(classes)
    problems: list[str] = []
    seen: dict[str, int] = {"email": 0, "tel": 0, "numeric": 0, "name": 0}
    for cls in classes:
        try:
            form = _bare(cls)
        except Exception as exc:  # a form that cannot exist without its arguments
            problems.append(f"{cls.__module__}.{cls.__qualname__}: cannot be built ({exc!r})")
            continue
        for name, field in form.fields.items():
            input_type, attrs = _expected(name, field)
            if input_type is None and not attrs:
                continue
            bound = form[name]
            where = f"{cls.__module__}.{cls.__qualname__}.{name}"
            if not isinstance(bound, KeyboardBoundField):
                problems.append(f"{where}: not built by the project's form renderer")
                continue
            html = str(bound)
            if input_type and f'type="{input_type}"' not in html:
                problems.append(f"{where}: {html} has no type={input_type}")
            for key, value in attrs.items():
                if f'{key}="{value}"' not in html:
                    problems.append(f"{where}: {html} has no {key}={value}")
            if input_type == "email":
                seen["email"] += 1
            elif input_type == "tel":
                seen["tel"] += 1
            elif attrs.get("inputmode") == "numeric":
                seen["numeric"] += 1
            else:
                seen["name"] += 1
    assert problems == [], "\n".join(problems)
    # The walk did meet each kind (a walk that finds nothing would pass).
    assert all(count >= 2 for count in seen.values()), seen


def test_pages_show_the_keyboard_hints(world: Any) -> None:
    """On real pages: the sign-in's e-mail and a person's form (e-mail, phone, names)."""
    login = Client().get("/accounts/login/").content.decode()
    assert 'type="email"' in login and 'autocomplete="email"' in login
    client = Client()
    client.force_login(world.coordinator.user)
    page = client.get("/people/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="phone"' in html
    phone = html[html.index('name="phone"') - 200 : html.index('name="phone"') + 200]
    assert 'type="tel"' in phone and 'inputmode="tel"' in phone
    first = html[html.index('name="first_name"') - 200 : html.index('name="first_name"') + 200]
    assert 'autocomplete="given-name"' in first


def test_a_form_that_sets_its_own_hint_keeps_it() -> None:
    class Search(forms.Form):
        email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "off"}))
        phone = forms.CharField()

    html = str(Search())
    assert 'autocomplete="off"' in html and 'autocomplete="email"' not in html
    assert 'type="tel"' in html
    # Each form has its own copy of the widget: the class's field is still a text input.
    assert Search.base_fields["phone"].widget.input_type == "text"
