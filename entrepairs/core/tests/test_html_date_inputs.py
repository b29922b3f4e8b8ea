"""Every browser date/time input of the product renders the ISO value whatever the language
(outside test of issue 13: "08/02/2027" in a French <input type="date"> shows an empty field in
Chromium and the day is lost on submit). Found by introspection: every form class of every app."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import translation

import entrepairs
from entrepairs.core.widgets import HTML_INPUT_FORMATS, html_input_type

VALUES: dict[str, tuple[Any, str]] = {
    "date": (date(2027, 2, 8), 'value="2027-02-08"'),
    "time": (time(14, 5), 'value="14:05"'),
    "datetime-local": (datetime(2027, 2, 8, 14, 5), 'value="2027-02-08T14:05"'),
}


def _import_every_form_module() -> None:
    for info in pkgutil.walk_packages(entrepairs.__path__, "entrepairs."):
        skipped = ".tests" in info.name or ".migrations" in info.name
        holds_forms = "forms" in info.name or ".views" in info.name
        if holds_forms and not skipped:
            importlib.import_module(info.name)


def _product_forms() -> list[type[forms.BaseForm]]:
    found, todo = [], list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("entrepairs.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def test_every_date_and_time_input_renders_iso_in_french() -> None:
    _import_every_form_module()
    checked: list[str] = []
    with translation.override("fr"):
        for form_class in _product_forms():
            for name, field in getattr(form_class, "base_fields", {}).items():
                kind = html_input_type(field.widget)
                if kind not in HTML_INPUT_FORMATS:
                    continue
                value, expected = VALUES[kind]
                html = field.widget.render(name, value)
                assert expected in html, f"{form_class.__qualname__}.{name}: {html}"
                checked.append(f"{form_class.__module__}.{form_class.__qualname__}.{name}")
    # Positive control: the forms named by the outside tester are among those checked.
    for named in ("SessionMoveForm.day", "PlanForm.start", "ClosureForm.starts_on"):
        assert any(c.endswith(named) for c in checked), named
    assert len(checked) >= 20, checked


def test_a_text_date_input_keeps_the_readers_format() -> None:
    with translation.override("fr"):
        html = forms.DateInput().render("day", date(2027, 2, 8))
    assert 'value="08/02/2027"' in html
