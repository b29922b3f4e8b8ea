"""A label that closes on its own mark (« ? », « ! », « : », « … ») takes no colon after it
(outside test of issue 15: « Déjà rencontré·e ? : Ce champ est obligatoire. » in the error
summary). Checked over every form field label of the product, in French and in English, as the
error summary and the form's labels draw them, and through the colon's one home (core.french)."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from entrepairs.core.french import colon, labelled
from entrepairs.core.tests.test_html_date_inputs import _import_every_form_module, _product_forms

# A closing mark, then (spaces) a colon: what must never be drawn.
DOUBLED = re.compile(r"[?!:…]\s*</a>\s*[\u00a0\u202f ]?:|[?!:…][\u00a0\u202f ]?:")


def _every_label() -> list[tuple[str, str, Any]]:
    _import_every_form_module()
    found = []
    for form_class in _product_forms():
        for name, field in getattr(form_class, "base_fields", {}).items():
            if field.label:
                found.append((form_class.__qualname__, name, field))
    return found


def _summary(label: str) -> str:
    """The error summary of a form whose one field (labelled `label`) is in error."""
    field = SimpleNamespace(label=label, id_for_label="id_x", errors=["Ce champ est obligatoire."])
    return render_to_string("core/_error_summary.html", {"form": _Form(field)})


class _Form:
    def __init__(self, field: SimpleNamespace) -> None:
        self.field, self.errors = field, {"x": field.errors}

    def non_field_errors(self) -> list[str]:
        return []

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([self.field])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_form_label_is_followed_by_a_second_mark(language: str) -> None:
    labels = _every_label()
    closed = 0
    with translation.override(language):
        for form_name, name, field in labels:
            label = str(field.label)
            where = f"{form_name}.{name}: {label!r}"
            summary = _summary(label)
            assert not DOUBLED.search(summary.replace("&#x27;", "'")), where
            assert not DOUBLED.search(labelled(label, "oui")), where
            if label.rstrip().endswith(("?", "!", ":", "…")):
                closed += 1
                assert colon(label) == "", where
            else:
                assert colon(label) in summary, where
    assert len(labels) > 200
    # Positive control: the product has labels that are questions (the tester's case).
    assert closed >= 1


def test_the_colon_is_kept_after_a_plain_label_and_dropped_after_a_question() -> None:
    with translation.override("fr"):
        assert labelled("Nom", "Martin") == "Nom\u00a0: Martin"
        assert labelled("Déjà rencontré·e\u202f?", "oui") == "Déjà rencontré·e\u202f? oui"
        assert labelled("Voir aussi…", "x") == "Voir aussi… x"
        summary = _summary("Déjà rencontré·e\u202f?")
        assert "?</a> Ce champ" in summary and "?</a>\u00a0:" not in summary
    with translation.override("en"):
        assert labelled("Name", "Martin") == "Name: Martin"
        assert labelled("Met already?", "yes") == "Met already? yes"
