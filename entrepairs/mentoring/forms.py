"""Forms of the mentoring pages. Validation of rules stays in services and models."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from entrepairs.core.forms import limit_display
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.forms import LanguagesField
from entrepairs.people.models import HALF_DAYS, Person, PlacementKind
from entrepairs.people.models.person import half_day_label
from entrepairs.people.picker import PersonPicker, use_picker
from entrepairs.solvers.scoring import CRITERIA
from entrepairs.training.models import TrainingModule
from entrepairs.training.selectors import modules_for

from .interests import interest_labels
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
from .models.programmes import MAX_REMOVAL_DAYS
from .reasons import CLOSURE_KINDS, PAUSE_KINDS, kind_of, new_reason_code
from .selectors import case_workers_in, transfer_agencies

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ListField(forms.CharField):
    """A comma-separated list typed in one box (interests, languages)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class InterestsField(ListField):
    """Interests typed in one box, shown in the reader's language (stored as codes by the
    services: mentoring.interests)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Interests (comma-separated)"))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(interest_labels(value)) if isinstance(value, list) else value


class ClosureReasonForm(forms.Form):
    """One closure reason on the programme form: its label in the reader's language and its kind
    by label; the reason's code stays hidden (new reasons get one from their label)."""

    code = forms.CharField(widget=forms.HiddenInput, required=False)
    label = forms.CharField(label=_("Reason"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of reason"),
        choices=lambda: [("", _("Choose a kind")), *((k, v[0]) for k, v in CLOSURE_KINDS.items())],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("label") and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of this reason."))
        if data.get("kind") and not data.get("label") and not data.get("DELETE"):
            self.add_error("label", _("Name this reason."))
        return data


ClosureReasonFormSet = forms.formset_factory(ClosureReasonForm, extra=2, can_delete=True)


class ProgrammeForm(forms.ModelForm):
    """The programme with its matching weights and, in `reasons`, its closure reasons (one row
    each); services.programme_save validates them (never a sanction)."""

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
        programme = self.instance if self.instance.pk else Programme()
        self.programme_before = programme
        # The default note in the reader's language, not the English stored as the field's default.
        self.initial["adoption_note"] = programme.adoption_note_text()
        # The product's default labels in the reader's language.
        self.reasons = ClosureReasonFormSet(
            self.data if self.is_bound else None,
            prefix="reasons",
            initial=[
                {"code": r["code"], "label": programme.reason_label(r["code"]), "kind": kind_of(r)}
                for r in programme.closure_reasons
            ],
        )
        self.reason_errors: list[str] = []

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not self.reasons.is_valid():
            if valid:  # the summary at the top says where to look
                self.add_error(None, _("Please check the closure reasons."))
            return False
        return valid

    def add_reasons_error(self, messages: list[str]) -> None:
        """A refusal of the reasons (by the service): next to the rows, and in the summary."""
        self.reason_errors += messages
        for message in messages:
            self.add_error(None, message)

    def closure_reasons(self) -> list[dict[str, str]]:
        """The reasons as the service takes them: an unchanged default label stays stored in
        the product's language (so each reader keeps seeing it in theirs)."""
        before = self.programme_before
        rows = [
            row.cleaned_data
            for row in self.reasons.forms
            if row.cleaned_data.get("label") and not row.cleaned_data.get("DELETE")
        ]
        taken = {r["code"] for r in rows if r.get("code")}
        reasons = []
        for row in rows:
            code, label = row.get("code") or "", row["label"].strip()
            stored = before.reason(code) if code else None
            if stored and label == before.reason_label(code):
                label = stored["label"]
            if not code:
                code = new_reason_code(label, taken)
                taken.add(code)
            reasons.append({"code": code, "label": label, "kind": row["kind"]})
        return reasons

    def apply(self) -> Programme:
        programme: Programme = self.save(commit=False)
        programme.weights = {c: self.cleaned_data[f"weight_{c}"] for c in CRITERIA}
        programme.closure_reasons = self.closure_reasons()
        return programme


class ApplicationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1920, max_value=2015)
    gender = forms.CharField(label=_("Gender (optional)"), max_length=30, required=False)
    region = forms.CharField(label=_("Region / town"), max_length=100, required=False)
    languages = LanguagesField(required=False)
    interests = InterestsField(required=False)
    availability = forms.MultipleChoiceField(
        label=_("Availability (half-days)"),
        choices=lambda: [(h, half_day_label(h)) for h in HALF_DAYS],  # in the reader's language
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


# selectors.case_workers_to_pick: the case workers of the agency (the services check that role).
CASE_WORKERS = "mentoring.case_workers"


class IntakeForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Organisation.objects.none())
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    gender = forms.CharField(label=_("Gender (optional)"), max_length=30, required=False)
    region = forms.CharField(label=_("Region / town"), max_length=100, required=False)
    languages = LanguagesField(required=False)
    interests = InterestsField(required=False)
    school_level = forms.CharField(label=_("School level"), max_length=100, required=False)
    mode = forms.ChoiceField(label=_("Mentoring wished"), choices=Mode.choices)
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"),
        queryset=Person.objects.none(),
        required=False,
        widget=PersonPicker(),
    )
    placement_kind = forms.ChoiceField(
        label=_("Current placement"),
        choices=[("", _("Not known yet")), *PlacementKind.choices],
        required=False,
    )
    placement_since = forms.DateField(label=_("Placed there since"), widget=DATE, required=False)
    placement = forms.CharField(
        label=_("Current placement: address and details (confidential)"),
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
        self, *args: Any, programmes: Any, agencies: Any, user: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["agency"].queryset = agencies
        use_picker(self, ["case_worker"], CASE_WORKERS, user)


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An adoption has its own form (AdoptionForm): the parents and the wishes.
        kinds = [c for c in SituationChange.Kind.choices if c[0] != SituationChange.Kind.ADOPTION]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


def _contact_fields(prefix: str, label: Any) -> dict[str, forms.Field]:
    """A family contact's fields (person without an account): `label` says whose."""
    return {
        f"{prefix}_first_name": forms.CharField(
            label=format_lazy("{} — {}", label, _("first name")), max_length=100, required=False
        ),
        f"{prefix}_last_name": forms.CharField(
            label=format_lazy("{} — {}", label, _("last name")), max_length=100, required=False
        ),
        f"{prefix}_phone": forms.CharField(
            label=format_lazy("{} — {}", label, _("phone")), max_length=40, required=False
        ),
        f"{prefix}_email": forms.EmailField(
            label=format_lazy("{} — {}", label, _("e-mail")), required=False
        ),
    }


def _add_contacts(form: forms.Form, after: str, people: list[tuple[str, Any]]) -> None:
    """Insert each person's contact fields after the field `after`, in the order given."""
    added: dict[str, forms.Field] = {}
    for prefix, label in people:
        added.update(_contact_fields(prefix, label))
    names = list(form.fields)
    at = names.index(after) + 1
    form.fields.update(added)
    form.order_fields([*names[:at], *added, *names[at:]])


def _contacts(data: dict[str, Any], prefixes: tuple[str, ...]) -> list[dict[str, str]]:
    keys = ("first_name", "last_name", "phone", "email")
    return [{k: data.pop(f"{p}_{k}", "") for k in keys} for p in prefixes]


class PlacementChangeForm(forms.Form):
    """A move of the youth, with the new foster family's contacts (people.placements)."""

    kind = forms.ChoiceField(label=_("New placement"), choices=PlacementKind.choices)
    since = forms.DateField(label=_("Since"), widget=DATE)
    keep_current_family = forms.BooleanField(
        label=_("The current family contacts stay (same family)"), required=False
    )
    note = forms.CharField(
        label=_("Address and details (confidential)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    summary_for_mentor = forms.CharField(
        label=_("What the mentor may be told"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_contacts(
            self,
            "keep_current_family",
            [("family1", _("Foster parent 1")), ("family2", _("Foster parent 2"))],
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["new_family"] = _contacts(data, ("family1", "family2"))
        return data


WISH_CHOICES = [("keep", _("Keep the mentoring")), ("end", _("End the mentoring"))]


class AdoptionForm(forms.Form):
    """An adoption: the date, the adoptive parents and the wishes that keep or end the match."""

    adopted_on = forms.DateField(label=_("Date of the adoption"), widget=DATE)
    current_family_adopts = forms.BooleanField(
        label=_("The current foster family adopts"), required=False
    )
    youth_wish = forms.ChoiceField(
        label=_("The youth's wish"), choices=WISH_CHOICES, widget=forms.RadioSelect
    )
    family_wish = forms.ChoiceField(
        label=_("The adoptive family's wish, after being informed"),
        choices=WISH_CHOICES,
        widget=forms.RadioSelect,
    )
    wishes = forms.CharField(
        label=_("What the youth and the family said"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary_for_mentor = forms.CharField(
        label=_("What the mentor may be told"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_contacts(
            self,
            "current_family_adopts",
            [("parent1", _("Adoptive parent 1")), ("parent2", _("Adoptive parent 2"))],
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["new_parents"] = _contacts(data, ("parent1", "parent2"))
        return data


class TransferForm(forms.Form):
    """Move a youth to another child-welfare agency: the list is the domain's
    (`selectors.transfer_agencies`); the service checks the same rule."""

    to_agency = forms.ModelChoiceField(
        label=_("New agency"),
        queryset=Organisation.objects.none(),
        error_messages={
            "invalid_choice": _("A youth is transferred only to a child-welfare agency.")
        },
    )

    def __init__(self, *args: Any, youth: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.youth = youth  # the page rebuilds the form bound with it
        self.fields["to_agency"].queryset = transfer_agencies(youth)


class HandoverRefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing (shown to the sending agency)"),
        max_length=300,
        required=False,
    )


class CaseWorkerForm(forms.Form):
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"),
        queryset=Person.objects.none(),
        required=False,
        widget=PersonPicker(),
    )

    def __init__(self, *args: Any, user: Any, youth: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.youth = user, youth  # the page rebuilds the form bound with these
        # The page has fetched the youth: the same rule as the source, without fetching again.
        accepted = case_workers_in([youth.agency_id])
        use_picker(self, ["case_worker"], CASE_WORKERS, user, accepted=accepted, youth=youth.pk)


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
    """A check-in's questions. Recorded `on_behalf` of another party (staff writing down what the
    youth or the guardian told them), the form also asks who told it (rules.records_on_behalf)."""

    class Meta:
        model = CheckIn
        fields = ["rating", "meets_regularly", "note"]
        widgets = {
            "rating": forms.Select(choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]]),
            "meets_regularly": forms.NullBooleanSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, on_behalf: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields["told_by"] = forms.CharField(
                label=_("As told by"),
                max_length=100,
                help_text=_("You record these answers on the party's behalf: who gave them?"),
            )


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
        self.fields["checkin_ratings_shared"] = forms.BooleanField(
            label=_("The agency reads the check-in ratings"),
            required=False,
            initial=bool(instance and instance.checkin_ratings_shared),
            help_text=_(
                "Decided by the mentoring organisation. Mentors never read the ratings given by "
                "the youth or the guardian."
            ),
        )
        self.fields["removed_days_after_end"] = forms.IntegerField(
            label=_("Days after the end of a match before the mentor no longer sees these facts"),
            min_value=0,
            max_value=MAX_REMOVAL_DAYS,
            required=False,  # empty: unchanged
            initial=instance.removed_days_after_end if instance else 30,
            help_text=_("0: on the day the match ends."),
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
