"""One person picker everywhere (DECISIONS "Person pickers"; issue 14 point 5): no form of the
product offers a plain list of everyone. Every form module is imported and every field choosing
a Person must be a picker; the few exceptions say why."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import entrepairs
from entrepairs.people import picker
from entrepairs.people.models import Person

# A field that chooses people without the picker, and why it is not a list of everyone.
NOT_A_PICKER = {
    # A pool table of the coordinator's staff, filtered by team, profession and organisation,
    # each row with the group number typed beside it (groups/compose.html).
    "entrepairs.groups.views.dashboard.ComposeForm.candidates",
    # Tick boxes of the people enrolled to one training session (bounded by its seats); anyone
    # else who attended is chosen with the picker beside it (training/session_detail.html).
    "entrepairs.training.forms.AttendanceForm.enrolled",
}


def _form_classes() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []
    for info in pkgutil.walk_packages(entrepairs.__path__, "entrepairs."):
        parts = info.name.split(".")
        if {"tests", "migrations", "wsgi", "settings"} & set(parts):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _person_fields() -> list[tuple[str, forms.Field]]:
    found: list[tuple[str, forms.Field]] = []
    for cls in _form_classes():
        for name, field in getattr(cls, "base_fields", {}).items():
            queryset = getattr(field, "queryset", None)
            is_person = queryset is not None and queryset.model is Person
            if isinstance(field, forms.ModelChoiceField) and is_person:
                found.append((f"{cls.__module__}.{cls.__name__}.{name}", field))
    return found


def test_every_field_choosing_a_person_is_the_picker():
    fields = _person_fields()
    assert len(fields) >= 25, "the walk over form modules found too few person fields"
    left = [
        name
        for name, field in fields
        if name not in NOT_A_PICKER and not isinstance(field.widget, picker.PersonPicker)
    ]
    assert not left, f"Person fields still rendered as a <select> of everyone: {left}"
    many = [name for name, field in fields if isinstance(field, forms.ModelMultipleChoiceField)]
    assert all(
        isinstance(field.widget, picker.PeoplePicker)
        for name, field in fields
        if name in many and name not in NOT_A_PICKER
    )


def test_a_picker_never_renders_without_its_source():
    """A field declared a picker but not given its source by `use_picker` would render an empty
    search: it fails loudly instead, so a page test catches a form that forgot it."""
    field = forms.ModelChoiceField(queryset=Person.objects.none(), widget=picker.PersonPicker())
    with pytest.raises(AssertionError):
        field.widget.render("person", None)


def test_every_source_a_form_names_is_registered():
    import entrepairs.urls  # noqa: F401 - the views import every app's sources

    expected = {
        "onboarding.people",
        "groups.facilitators",
        "groups.members",
        "training.trainees",
        "mentoring.case_workers",
        "people.line_managers",
        "contracts.provider_people",
        "casework.team_members",
        "casework.children",
        "casework.auditors",
        "casework.experts",
        "casework.replacements",
    }
    assert expected <= set(picker.SOURCES)
