"""Forms of the onboarding pages. Domain checks live in the models and services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.people.models import Person
from entrepairs.people.picker import PersonPicker, use_picker

from .models import (
    ClosingReview,
    Competency,
    CompetencyKind,
    FeedbackKind,
    KitItem,
    OrgContact,
    Phase,
    Support,
    Template,
    TemplateReminder,
    TemplateTask,
    TemplateVersion,
    TutorProfile,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# People fields are pickers over the people the viewer may name (the source "onboarding.people",
# selectors.people_for, as the API does); which of them fit a given journey or organisation is the
# service's rule, with its own message.
PEOPLE = "onboarding.people"


class TemplateForm(forms.ModelForm):
    class Meta:
        model = Template
        fields = ["organisation", "function", "tutoring_type", "project_manager"]
        widgets = {"project_manager": PersonPicker()}

    def __init__(self, *args: Any, organisations: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        use_picker(self, ["project_manager"], PEOPLE, viewer)
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.initial.setdefault("organisation", organisations.first().pk)


class FramesForm(forms.ModelForm):
    scale_text = forms.CharField(
        label=_("Levels of the competency grid"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("From lowest to highest, one per line."),
    )

    class Meta:
        model = TemplateVersion
        fields = ["objectives", "organisational_frame", "didactic_frame", "tutor_hours_per_week"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("objectives", "organisational_frame", "didactic_frame")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scale_text"].initial = "\n".join(self.instance.scale or [])
        order = [
            "objectives",
            "organisational_frame",
            "didactic_frame",
            "scale_text",
            "tutor_hours_per_week",
        ]
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = data.get("scale_text") or ""
        scale = [line.strip() for line in text.splitlines() if line.strip()]
        if len(scale) < 2:
            self.add_error("scale_text", _("The grid's scale needs at least two levels."))
        else:
            self.instance.scale = scale
        return data


class TemplateTaskForm(forms.ModelForm):
    prefix = "task"

    class Meta:
        model = TemplateTask
        fields = [
            "phase",
            "title",
            "owner_role",
            "start_day",
            "due_day",
            "mandatory",
            "topic",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class KitItemForm(forms.ModelForm):
    prefix = "kit"

    class Meta:
        model = KitItem
        fields = ["kind", "label", "provider_role"]


class CompetencyForm(forms.ModelForm):
    prefix = "comp"

    class Meta:
        model = Competency
        fields = ["kind", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SupportForm(forms.ModelForm):
    prefix = "support"

    class Meta:
        model = Support
        fields = ["kind", "title", "url", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TemplateReminderForm(forms.ModelForm):
    prefix = "reminder"

    class Meta:
        model = TemplateReminder
        fields = ["day", "message", "recipient_role"]


PART_FORMS = {
    "task": TemplateTaskForm,
    "kit": KitItemForm,
    "competency": CompetencyForm,
    "support": SupportForm,
    "reminder": TemplateReminderForm,
}


class StartJourneyForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=Template.objects.none())
    newcomer = forms.ModelChoiceField(
        label=_("Newcomer"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    start_date = forms.DateField(label=_("Day one"), widget=DATE)
    tutor = forms.ModelChoiceField(
        label=_("Tutor"),
        queryset=Person.objects.none(),
        widget=PersonPicker(),
        required=False,
        help_text=_("May be named later: a task to name one is then due."),
    )
    referent = forms.ModelChoiceField(
        label=_("Referent"),
        queryset=Person.objects.none(),
        widget=PersonPicker(),
        required=False,
        help_text=_("Present on day one; the tutor when left empty."),
    )
    colleague = forms.ModelChoiceField(
        label=_("Welcoming colleague"),
        queryset=Person.objects.none(),
        widget=PersonPicker(),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I have read the warnings about this tutor and confirm"), required=False
    )

    def __init__(self, *args: Any, templates: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates.filter(
            versions__published_at__isnull=False
        ).distinct()
        use_picker(self, ["newcomer", "tutor", "referent", "colleague"], PEOPLE, viewer)


class AssignTutorForm(forms.Form):
    tutor = forms.ModelChoiceField(
        label=_("Tutor"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    referent = forms.ModelChoiceField(
        label=_("Referent"),
        queryset=Person.objects.none(),
        widget=PersonPicker(),
        required=False,
        help_text=_("The tutor when left empty."),
    )
    confirm = forms.BooleanField(
        label=_("I have read the warnings about this tutor and confirm"), required=False
    )

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_picker(self, ["tutor", "referent"], PEOPLE, viewer)


class FirstLunchForm(forms.Form):
    first_lunch_on = forms.DateField(label=_("First lunch or break with colleagues"), widget=DATE)
    first_lunch_place = forms.CharField(label=_("Where"), max_length=200, required=False)


class ObservationForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Competency"), queryset=Competency.objects.none())
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=[])
    observed_on = forms.DateField(label=_("Observed on"), widget=DATE)
    note = forms.CharField(
        label=_("Observation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, version: TemplateVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = version.competencies.all()
        self.fields["level"].choices = [
            (i, f"{i} — {label}") for i, label in enumerate(version.scale, start=1)
        ]


class ShadowingForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Colleague"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    topic = forms.CharField(label=_("Activity"), max_length=200)
    note = forms.CharField(
        label=_("What was learned"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_picker(self, ["colleague"], PEOPLE, viewer)


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedbackKind.choices)
    given_on = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}))


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class ReviewTutorForm(forms.ModelForm):
    class Meta:
        model = ClosingReview
        fields = [
            "autonomy_on",
            "progression",
            "improvement_points",
            "meta_meeting_on",
            "tutor_process_feedback",
        ]
        widgets = {
            "autonomy_on": DATE,
            "meta_meeting_on": DATE,
            **{
                n: forms.Textarea(attrs={"rows": 3})
                for n in ("progression", "improvement_points", "tutor_process_feedback")
            },
        }


class ReviewNewcomerForm(forms.ModelForm):
    class Meta:
        model = ClosingReview
        fields = ["self_reflection", "newcomer_process_feedback"]
        widgets = {
            n: forms.Textarea(attrs={"rows": 3})
            for n in ("self_reflection", "newcomer_process_feedback")
        }


class ReviewedForm(forms.Form):
    note = forms.CharField(label=_("What changes in the template"), max_length=500, required=False)


class ContactForm(forms.ModelForm):
    class Meta:
        model = OrgContact
        fields = ["role", "person"]
        widgets = {"person": PersonPicker()}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_picker(self, ["person"], PEOPLE, viewer)

    def validate_unique(self) -> None:
        """The service refuses duplicates, with the message the API gives too."""


class TutorProfileForm(forms.ModelForm):
    class Meta:
        model = TutorProfile
        fields = ["person", "trained", "trained_on", "allocated_hours"]
        widgets = {"trained_on": DATE, "person": PersonPicker()}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_picker(self, ["person"], PEOPLE, viewer)

    def validate_unique(self) -> None:
        """The service refuses duplicates, with the message the API gives too."""


__all__ = ["CompetencyKind"]
