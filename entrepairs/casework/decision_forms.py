"""Forms of safety checks and key decisions (issue 12 points 6 and 8): the shape only; the
services decide and refuse with the same message as the API."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.people.models import Person
from entrepairs.people.picker import PersonPicker, use_picker

from . import pickers
from .forms import DateInput
from .models import DecisionType, ExpertRole, PlacementKind, RiskFactor


class ScheduleForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)


class SafetyResultForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput)
    factors = forms.ModelMultipleChoiceField(
        label=_("Factors found"),
        queryset=RiskFactor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Results (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    insecurity_signs = forms.BooleanField(label=_("Signs of insecurity"), required=False)
    ip_sent_on = forms.DateField(
        label=_("Information préoccupante sent on"), required=False, widget=DateInput
    )
    ip_recipient = forms.CharField(label=_("Sent to (CRIP)"), max_length=200, required=False)

    def __init__(self, *args: Any, factors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["factors"]
        field.queryset = factors  # type: ignore[attr-defined]
        field.label_from_instance = lambda f: (  # type: ignore[attr-defined]
            f"{f.get_kind_display()} — {f.label} ({f.weight})"
        )


class DecisionForm(forms.Form):
    decision_type = forms.ModelChoiceField(label=_("Type"), queryset=DecisionType.objects.none())
    title = forms.CharField(label=_("Question to decide"), max_length=200, required=False)
    options = forms.CharField(
        label=_("Options (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    arguments = forms.CharField(
        label=_("Arguments (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    child_view = forms.CharField(
        label=_("The child's view (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, types: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_type"].queryset = types  # type: ignore[attr-defined]


class PlacementChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Proposed placement"), choices=PlacementKind.choices)
    concerns = forms.CharField(
        label=_("Concerns about the child's development (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    child_view = forms.CharField(
        label=_("The child's view (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdviceRequestForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Expert"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    question = forms.CharField(
        label=_("Question to the expert (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, decision: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered: the organisation's experts (pickers.experts_to_pick); accepted: anyone of the
        # organisation, the service decides.
        accepted = pickers.organisation_people(decision.organisation_id)
        use_picker(
            self, ["expert"], "casework.experts", user, accepted=accepted, decision=decision.pk
        )


class AdviceForm(forms.Form):
    advice = forms.CharField(
        label=_("Your advice (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecideForm(forms.Form):
    outcome = forms.CharField(
        label=_("What the core team decides (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RiskFactorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RiskFactor.Kind.choices)
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight (1 to 5)"))


class DecisionTypeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    required_advice = forms.MultipleChoiceField(
        label=_("Mandatory advice"),
        choices=ExpertRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    trigger = forms.ChoiceField(
        label=_("Opened automatically on"), choices=DecisionType.Trigger.choices, required=False
    )
