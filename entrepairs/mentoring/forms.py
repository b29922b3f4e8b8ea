"""Forms of the mentoring pages. Validation of rules stays in services and models."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.core.forms import limit_display
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import HALF_DAYS, Person
from entrepairs.solvers.scoring import CRITERIA
from entrepairs.training.models import TrainingModule
from entrepairs.training.selectors import modules_for

from .models import (
    CRITERION_LABELS,
    SHAREABLE_FIELDS,
    CheckIn,
    Consent,
    ContactLog,
    Mode,
    Programme,
    ScreeningStep,
    SharingAgreement,
    SituationChange,
    Youth,
)
from .reasons import PAUSE_KINDS, kind_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ListField(forms.CharField):
    """A comma-separated list typed in one box (interests, languages)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class ProgrammeForm(forms.ModelForm):
    closure_reasons_text = forms.CharField(
        label=_("Closure reasons"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: code | label | kind. Kinds: youth_wish, goals_reached, mentor_leaves, "
            "youth_moves, youth_of_age, family_wish, programme_ends, safeguarding. A reason is "
            "never a sanction."
        ),
    )

    class Meta:
        model = Programme
        fields = [
            "organisation",
            "name",
            "kind",
            "description",
            "match_length_months",
            "required_trainings",
            "references_required",
            "background_check_validity_months",
            "youth_consent_age",
            "require_common_language",
            "require_same_region",
            "checkin_interval_days",
            "alert_after_days_without_contact",
            "adoption_note",
            "is_open",
        ]
        widgets = {
            "required_trainings": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["required_trainings"].queryset = TrainingModule.objects.filter(
            organisation__in=organisations, audience=TrainingModule.Audience.MENTOR
        )
        weights = self.instance.weight_map() if self.instance.pk else dict.fromkeys(CRITERIA, 1.0)
        for c in CRITERIA:
            self.fields[f"weight_{c}"] = forms.FloatField(
                label=_("Weight: %s") % CRITERION_LABELS[c], min_value=0, initial=weights[c]
            )
        reasons = self.instance.closure_reasons if self.instance.pk else Programme().closure_reasons
        self.fields["closure_reasons_text"].initial = "\n".join(
            f"{r['code']} | {r['label']} | {kind_of(r)}" for r in reasons
        )

    def clean_closure_reasons_text(self) -> list[dict[str, str]]:
        reasons = []
        for line in self.cleaned_data["closure_reasons_text"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3:
                raise forms.ValidationError(_("Each line needs code | label | kind."))
            reasons.append({"code": parts[0], "label": parts[1], "kind": parts[2]})
        return reasons

    def apply(self) -> Programme:
        programme: Programme = self.save(commit=False)
        programme.weights = {c: self.cleaned_data[f"weight_{c}"] for c in CRITERIA}
        programme.closure_reasons = self.cleaned_data["closure_reasons_text"]
        return programme


class ApplicationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1920, max_value=2015)
    gender = forms.CharField(label=_("Gender (optional)"), max_length=30, required=False)
    region = forms.CharField(label=_("Region / town"), max_length=100, required=False)
    languages = ListField(
        label=_("Languages spoken (comma-separated codes, e.g. fr, en)"), required=False
    )
    interests = ListField(label=_("Interests (comma-separated)"), required=False)
    availability = forms.MultipleChoiceField(
        label=_("Availability (half-days)"),
        choices=[(h, h) for h in HALF_DAYS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mode = forms.ChoiceField(label=_("Mentoring offered"), choices=Mode.choices)
    capacity = forms.IntegerField(
        label=_("For group mentoring: youths at most"), min_value=1, max_value=8, initial=1
    )
    motivation = forms.CharField(
        label=_("Why do you want to mentor?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ScreeningForm(forms.ModelForm):
    class Meta:
        model = ScreeningStep
        fields = ["kind", "outcome", "done_on", "expires_on", "referee", "note"]
        widgets = {"done_on": DATE, "expires_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class FlagForm(forms.Form):
    flagged = forms.BooleanField(label=_("Flagged for review"), required=False)
    flag_reason = forms.CharField(label=_("Flag"), max_length=200, required=False)
    screening_notes = forms.CharField(
        label=_("Screening notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CompletionForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Training module"), queryset=TrainingModule.objects.none()
    )
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)

    def __init__(self, *args: Any, modules: Any, user: Any, **kwargs: Any) -> None:
        """Shows the programme's modules; services.training_record decides. A module the user
        may not see is an invalid choice, like a missing id (security review F9)."""
        super().__init__(*args, **kwargs)
        limit_display(self, "module", shown=modules, accepted=modules_for(viewer_for(user)))


class IntakeForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Organisation.objects.none())
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    gender = forms.CharField(label=_("Gender (optional)"), max_length=30, required=False)
    region = forms.CharField(label=_("Region / town"), max_length=100, required=False)
    languages = ListField(label=_("Languages (comma-separated codes)"), required=False)
    interests = ListField(label=_("Interests (comma-separated)"), required=False)
    school_level = forms.CharField(label=_("School level"), max_length=100, required=False)
    mode = forms.ChoiceField(label=_("Mentoring wished"), choices=Mode.choices)
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"), queryset=Person.objects.none(), required=False
    )
    placement = forms.CharField(
        label=_("Current placement (confidential)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    guardian_first_name = forms.CharField(
        label=_("Foster parent / guardian: first name"), max_length=100, required=False
    )
    guardian_last_name = forms.CharField(
        label=_("Foster parent / guardian: last name"), max_length=100, required=False
    )
    guardian_phone = forms.CharField(
        label=_("Foster parent / guardian: phone"), max_length=40, required=False
    )
    guardian_email = forms.EmailField(label=_("Foster parent / guardian: e-mail"), required=False)

    def __init__(
        self, *args: Any, programmes: Any, agencies: Any, case_workers: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["agency"].queryset = agencies
        self.fields["case_worker"].queryset = case_workers


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["party", "given_by", "given_on"]
        widgets = {"given_on": DATE}


class ReadinessForm(forms.Form):
    readiness = forms.ChoiceField(label=_("Readiness"), choices=Youth.Readiness.choices)
    mode = forms.ChoiceField(label=_("Individual or group mentoring"), choices=Mode.choices)
    note = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}))


class SituationForm(forms.ModelForm):
    class Meta:
        model = SituationChange
        fields = ["kind", "happened_on", "summary_for_mentor", "note"]
        widgets = {"happened_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class TransferForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("New agency"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = agencies


class HandoverRefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing (shown to the sending agency)"),
        max_length=300,
        required=False,
    )


class CaseWorkerForm(forms.Form):
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, case_workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = case_workers


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"))
    conversation_on = forms.DateField(
        label=_("Date of the closure conversation"), widget=DATE, required=False
    )
    conversation = forms.CharField(
        label=_("Closure conversation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    youth_view = forms.CharField(
        label=_("The youth's view (or their guardian's)"),
        help_text=_("What the youth, or their guardian, said about closing the match."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", "—"), *programme.reason_choices()]


class PauseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of reason"), choices=[("", "—"), *PAUSE_KINDS.items()], required=False
    )
    reason = forms.CharField(label=_("Reason for the pause"), max_length=300)


class ReviewFollowUpForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done about the concern"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ContactForm(forms.ModelForm):
    arranged_with_guardian = forms.BooleanField(
        label=_("Arranged with the foster parent / guardian"), required=False
    )

    class Meta:
        model = ContactLog
        fields = ["kind", "happened_on", "duration_minutes", "place", "note"]
        widgets = {"happened_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class CheckInForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["rating", "meets_regularly", "note"]
        widgets = {
            "rating": forms.Select(choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]]),
            "meets_regularly": forms.NullBooleanSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }


GROUP_NOTE = "group"


class NoteForm(forms.Form):
    """`youths` are those the viewer may write about (rules.may_write_about) and `agencies` the
    group's agencies a group note may be shared with; the service decides (progress_note_add)."""

    text = forms.CharField(
        label=_("Progress note (goes to the youth's file)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    about = forms.ChoiceField(label=_("About"), required=False)
    shared_with = forms.MultipleChoiceField(
        label=_("Share the group note with the agencies"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A note about the group is read by the agencies you tick, nobody else."),
    )

    def __init__(
        self, *args: Any, youths: Any = (), agencies: Any = (), group: bool = False, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        choices = [(str(y.pk), str(y)) for y in youths]
        if group:
            choices.append((GROUP_NOTE, str(_("The whole group"))))
            self.fields["shared_with"].choices = [(str(a.pk), a.name) for a in agencies]
        else:
            del self.fields["shared_with"]
        if len(choices) <= 1:
            del self.fields["about"]  # one youth: the note is about them
        else:
            self.fields["about"].choices = choices
            self.fields["about"].required = True


class AgreementForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Mentoring organisation"), queryset=Organisation.objects.none()
    )
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Organisation.objects.none())

    def __init__(
        self,
        *args: Any,
        agencies: Any,
        organisations: Any,
        instance: SharingAgreement | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].initial = organisations.first()
        if instance is not None:  # the parties are fixed; either party's coordinator edits
            self.fields["agency"].queryset = Organisation.objects.filter(pk=instance.agency_id)
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk=instance.organisation_id
            )
            self.fields["agency"].initial = instance.agency_id
            self.fields["agency"].disabled = True
            self.fields["organisation"].initial = instance.organisation_id
            self.fields["organisation"].disabled = True
        self.fields["valid_until"] = forms.DateField(
            label=_("Valid until"),
            required=False,
            help_text=_("Empty: until one party ends it."),
            initial=instance.valid_until if instance else None,
            widget=forms.DateInput(attrs={"type": "date"}),
        )
        for name, label in SHAREABLE_FIELDS.items():
            self.fields[f"share_{name}"] = forms.BooleanField(
                label=_("Share: %s") % label,
                required=False,
                initial=bool(instance and name in instance.fields),
            )
            self.fields[f"purpose_{name}"] = forms.CharField(
                label=_("Purpose: %s") % label,
                max_length=200,
                required=False,
                initial=(instance.purposes.get(name, "") if instance else ""),
            )

    def fields_and_purposes(self) -> tuple[list[str], dict[str, str]]:
        names = [n for n in SHAREABLE_FIELDS if self.cleaned_data.get(f"share_{n}")]
        return names, {n: self.cleaned_data.get(f"purpose_{n}", "") for n in names}
