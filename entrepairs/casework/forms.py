"""Forms check the shape only; the services decide (and refuse with the same message as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.people.models import Person

from .models import AllocationProposal, IncidentKind, PlacementKind, Procedure, Vulnerability


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
    child = forms.ModelChoiceField(
        label=_("Child"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("A child already registered, without an open case."),
    )
    new_child_first_name = forms.CharField(
        label=_("Or a new child: first name"), max_length=100, required=False
    )
    new_child_last_name = forms.CharField(
        label=_("New child: last name"), max_length=100, required=False
    )
    placement_kind = forms.ChoiceField(
        label=_("Current placement"),
        choices=[("", _("Not known yet")), *PlacementKind.choices],
        required=False,
    )
    opened_on = forms.DateField(
        label=_("Guardianship since"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for today; earlier for a guardianship that began before."),
    )
    field_order = [
        "child",
        "new_child_first_name",
        "new_child_last_name",
        "birth_date",
        "opened_on",
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


# -- care: incidents and care plans (points 7 and 9) -------------------------------------------
# Text fields are optional here: the service refuses an empty one with its own message, the same
# on the page and in the API.


class IncidentForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        label=_("Children concerned"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentKind.choices)
    occurred_on = forms.DateField(label=_("Date of the incident"), widget=DateInput)
    facts = forms.CharField(
        label=_("Facts (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    immediate_measures = forms.CharField(
        label=_("Immediate measures (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases  # type: ignore[attr-defined]
        self.fields["cases"].label_from_instance = lambda case: str(case.child)  # type: ignore[attr-defined]


class IncidentAnalysisForm(forms.Form):
    causes = forms.CharField(
        label=_("Causes (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lessons = forms.CharField(
        label=_("Lessons learned (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IncidentActionForm(forms.Form):
    description = forms.CharField(label=_("Action (confidential)"), required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Person.objects.none())
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]


class ConcernForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput)
    recipient = forms.CharField(label=_("Recipient"), max_length=200, required=False)


class CarePlanForm(forms.Form):
    needs = forms.CharField(
        label=_("The child's needs (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    objectives = forms.CharField(
        label=_("Objectives (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    actions = forms.CharField(
        label=_("Actions and who carries them out (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CarePlanDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
