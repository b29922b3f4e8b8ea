"""Forms check the shape only; the services decide (and refuse with the same message as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.people.models import Person

from .models import AllocationProposal, CaseContact, PlacementKind, Procedure, Vulnerability


class DateInput(forms.DateInput):
    input_type = "date"


class CaseFactsForm(forms.Form):
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput)
    vulnerability = forms.ChoiceField(label=_("Vulnerability"), choices=Vulnerability.choices)
    procedures = forms.MultipleChoiceField(
        label=_("Procedures under way"),
        choices=Procedure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Situation (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CaseOpenForm(CaseFactsForm):
    child = forms.ModelChoiceField(label=_("Child"), queryset=Person.objects.none())
    placement_kind = forms.ChoiceField(
        label=_("Current placement"),
        choices=[("", _("Not known yet")), *PlacementKind.choices],
        required=False,
    )
    field_order = [
        "child",
        "birth_date",
        "placement_kind",
        "vulnerability",
        "procedures",
        "summary",
    ]

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered: people of the organisation without an account; the service decides.
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Placement type"), choices=PlacementKind.choices)
    since = forms.DateField(label=_("Since"), widget=DateInput)
    note = forms.CharField(
        label=_("Address and details (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    guardian = forms.ModelChoiceField(
        label=_("Responsible guardian"), queryset=Person.objects.none()
    )
    reason = forms.CharField(label=_("Why this guardian"), max_length=300, required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = members  # type: ignore[attr-defined]


class ProfileForm(forms.Form):
    fte = forms.DecimalField(label=_("Working time (FTE)"), max_digits=3, decimal_places=2)
    max_caseload = forms.IntegerField(label=_("Maximum number of cases"))


class LeaveForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)


class ProposeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AllocationProposal.Kind.choices)
    max_moves = forms.IntegerField(label=_("At most this many moves"), required=False)


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


# -- leave cover and continuity (issue 12, points 4 and 5) ------------------------------------


class ReplacementForm(forms.Form):
    case = forms.UUIDField(widget=forms.HiddenInput)
    replacement = forms.ModelChoiceField(label=_("Replacement"), queryset=Person.objects.none())

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["replacement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = members if members is not None else Person.objects.none()


class ContactForm(forms.Form):
    happened_on = forms.DateField(label=_("Date of the contact"), widget=DateInput)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=CaseContact.Kind.choices)
    note = forms.CharField(
        label=_("Note (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ThresholdForm(forms.Form):
    contact_threshold_days = forms.IntegerField(
        label=_("Longest time without contact with the child (days)")
    )
