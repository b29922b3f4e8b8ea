"""Shapes of the coaching forms: they parse; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.people.forms import HalfDaysField
from entrepairs.people.models import Person
from entrepairs.people.picker import PersonPicker

from .models import CoachPairing
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
    """A coordinator ends a pairing: a reason from the list, and a note kept among the
    coordinators."""

    reason = forms.ChoiceField(
        label=_("Why does the pairing end?"), choices=CoachPairing.EndReason.choices
    )
    note = forms.CharField(
        label=_("Note (read by the coordinators only)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for « another reason ». The pair sees the reason, not this note."),
    )


RATING_CHOICES = [
    (1, _("1 — not useful")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 — very useful")),
]


class FeedbackForm(forms.Form):
    """Each of the pair's feedback once the pairing is ended."""

    rating = forms.TypedChoiceField(
        label=_("How useful was the coaching?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your coordinators read it, to improve the coaching."),
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
