"""Forms check the shape only; the services decide (and refuse with the same message as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.organisations.models import Team
from entrepairs.people.models import Person
from entrepairs.people.picker import PeoplePicker, PersonPicker, use_picker

from . import pickers, selectors
from .models import (
    AllocationProposal,
    Case,
    CaseContact,
    IncidentKind,
    PlacementKind,
    Procedure,
    ReviewIndicator,
    Vulnerability,
)


class DateInput(forms.DateInput):
    input_type = "date"


TEAM = "casework.team_members"  # pickers.team_members_to_pick


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
        widget=PersonPicker(),
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

    def __init__(self, *args: Any, user: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered: people of the organisation without an account and without an open case
        # (pickers.children_to_pick); accepted: anyone of the organisation, the service decides.
        accepted = pickers.organisation_people(team.organisation_id)
        use_picker(self, ["child"], "casework.children", user, accepted=accepted, team=team.pk)


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
        label=_("Responsible guardian"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    reason = forms.CharField(label=_("Why this guardian"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered: the core team's members; accepted: selectors.guardian_candidates.
        accepted = selectors.guardian_candidates(case)
        use_picker(self, ["guardian"], TEAM, user, accepted=accepted, team=case.core_team_id)


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
        queryset=Case.objects.none(),  # the team's open cases (a short list to tick)
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
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)

    def __init__(self, *args: Any, user: Any, incident: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered: the team's members; accepted: anyone of the organisation (the service says
        # who is refused).
        accepted = pickers.organisation_people(incident.organisation_id)
        use_picker(self, ["owner"], TEAM, user, accepted=accepted, team=incident.core_team_id)


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


# -- team: meetings, peer review, policies, audits (issue 12 points 10-12) ---------------------


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200, required=False)


# -- leave cover and continuity (issue 12, points 4 and 5) ------------------------------------


class ReplacementForm(forms.Form):
    case = forms.UUIDField(widget=forms.HiddenInput)
    replacement = forms.ModelChoiceField(
        label=_("Replacement"), queryset=Person.objects.none(), widget=PersonPicker()
    )

    def __init__(
        self, *args: Any, user: Any, leave: Any, chosen: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Offered: pickers.replacement_candidates (the cover plan's colleagues); accepted: anyone
        # of the organisation, the service decides.
        accepted = pickers.organisation_people(leave.organisation_id)
        use_picker(
            self,
            ["replacement"],
            "casework.replacements",
            user,
            accepted=accepted,
            known=[chosen] if chosen is not None else [],
            leave=leave.pk,
        )


class ContactForm(forms.Form):
    happened_on = forms.DateField(label=_("Date of the contact"), widget=DateInput)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=CaseContact.Kind.choices)
    note = forms.CharField(
        label=_("Note (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class _MemberChoiceForm(forms.Form):
    """A core team's members offered (a meeting's or an audit's), anyone of its organisation
    accepted: the service says who is refused."""

    def __init__(self, *args: Any, user: Any, of: Any, field: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = pickers.organisation_people(of.organisation_id)
        use_picker(self, [field], TEAM, user, accepted=accepted, team=of.core_team_id)


class AttendanceForm(_MemberChoiceForm):
    person = forms.ModelChoiceField(
        label=_("Member"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("present", _("Present")), ("excused", _("Excused")), ("absent", _("Absent"))],
    )

    def __init__(self, *args: Any, user: Any, of: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, of=of, field="person", **kwargs)


class TeamActionForm(_MemberChoiceForm):
    title = forms.CharField(label=_("Action"), max_length=300, required=False)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)

    def __init__(self, *args: Any, user: Any, of: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, of=of, field="owner", **kwargs)


RATING_CHOICES = [
    ("", "—"),
    ("1", pgettext_lazy("rating", "To improve")),
    ("2", pgettext_lazy("rating", "Partly met")),
    ("3", pgettext_lazy("rating", "Met")),
    ("4", pgettext_lazy("rating", "Exemplary")),
]


class PeerReviewForm(forms.Form):
    """One rating and one comment per indicator, then the feedback."""

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for i in self.indicators:
            self.fields[f"rating_{i.pk}"] = forms.TypedChoiceField(
                label=i.name,
                choices=RATING_CHOICES,
                coerce=int,
                required=False,
                help_text=i.description,
            )
            self.fields[f"comment_{i.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s” (confidential)") % {"name": i.name},
                required=False,
                max_length=2000,
            )
        self.fields["feedback"] = forms.CharField(
            label=_("Targeted feedback (confidential)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def ratings(self) -> dict[Any, tuple[int, str]]:
        d = self.cleaned_data
        return {
            str(i.pk): (d[f"rating_{i.pk}"], d.get(f"comment_{i.pk}", ""))
            for i in self.indicators
            if d.get(f"rating_{i.pk}") not in (None, "")
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer (confidential)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=120, required=False)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, initial=10)


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    effective_on = forms.DateField(label=_("Effective date"), widget=DateInput)
    core_team = forms.ModelChoiceField(
        label=_("Core team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["core_team"].queryset = teams  # type: ignore[attr-defined]


class AuditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    sample_size = forms.IntegerField(label=_("Number of cases drawn"))
    seed = forms.IntegerField(
        label=_("Seed of the draw (to repeat a draw)"), required=False, min_value=0
    )
    auditors = forms.ModelMultipleChoiceField(
        label=_("Auditors"), queryset=Person.objects.none(), required=False, widget=PeoplePicker()
    )

    def __init__(self, *args: Any, user: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = pickers.auditor_candidates(team.organisation_id)
        use_picker(self, ["auditors"], "casework.auditors", user, accepted=accepted, team=team.pk)


class FindingForm(forms.Form):
    case = forms.ModelChoiceField(label=_("Sampled case"), queryset=Case.objects.none())
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=ReviewIndicator.objects.none()
    )
    rating = forms.TypedChoiceField(label=_("Rating"), choices=RATING_CHOICES[1:], coerce=int)
    note = forms.CharField(
        label=_("Finding (confidential)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, cases: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]


class ThresholdForm(forms.Form):
    contact_threshold_days = forms.IntegerField(
        label=_("Longest time without contact with the child (days)")
    )
