"""Shapes of the coaching forms: they parse; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.people.forms import HalfDaysField
from entrepairs.people.models import Person
from entrepairs.people.picker import PersonPicker

from .models.offers import COACHING_CRITERIA, MAX_CAPACITY
from .reasons import LABELS


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.replace(";", ",").split(",") if w.strip()]


class OfferForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("How many new tutors at a time"), min_value=1, max_value=MAX_CAPACITY, initial=1
    )
    profession = forms.CharField(label=_("Profession"), max_length=100, required=False)
    region = forms.CharField(label=_("Region"), max_length=100, required=False)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Separated by commas: français, anglais."),
    )
    availability = HalfDaysField()
    active = forms.BooleanField(label=_("Open to new tutors"), required=False, initial=True)

    def clean_languages(self) -> list[str]:
        return _words(self.cleaned_data["languages"])


class ProposeForm(forms.Form):
    """The coach is a person picker over the open coaches of the tutor's organisation."""

    coach = forms.ModelChoiceField(
        label=_("Coach"), queryset=Person.objects.none(), widget=PersonPicker()
    )


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Date of the meeting"),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    note = forms.CharField(
        label=_("Note (read by the two of you only)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndForm(forms.Form):
    feedback = forms.CharField(
        label=_("How did the coaching go?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The pairing ends once both of you have given your feedback. Your coordinators read it."
        ),
    )


class SchemeForm(forms.Form):
    flag_after_weeks = forms.IntegerField(
        label=_("Flag a new tutor still without a coach after (weeks)"), min_value=1, max_value=52
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in COACHING_CRITERIA:
            self.fields[f"w_{name}"] = forms.FloatField(
                label=_("Weight: %(criterion)s") % {"criterion": LABELS[name]},
                min_value=0,
                max_value=10,
            )

    def weights(self) -> dict[str, float]:
        return {c: self.cleaned_data[f"w_{c}"] for c in COACHING_CRITERIA}
