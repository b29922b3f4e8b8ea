"""Forms of the training pages: they parse; the services decide (same messages as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.forms import limit_display
from entrepairs.organisations.models import Role
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.picker import PeoplePicker, PersonPicker, use_picker
from entrepairs.people.selectors import people_visible_to

from .models import RoleRequirement, TrainingModule, TrainingSession
from .selectors import enrolled_people, modules_for, sessions_for

TRAINEES = "training.trainees"  # selectors.trainees_for
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ModuleForm(forms.ModelForm):
    staff_roles = forms.MultipleChoiceField(
        label=_("Required for staff roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Role.choices,
    )

    class Meta:
        model = TrainingModule
        fields = [
            "organisation",
            "name",
            "topic",
            "audience",
            "validity_months",
            "partner",
            "requires_session",
        ]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk and not self.is_bound:
            self.initial["staff_roles"] = list(
                self.instance.requirements.values_list("role", flat=True)
            )


class CompletionForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Staff member"), queryset=Person.objects.none(), widget=PersonPicker()
    )
    module = forms.ModelChoiceField(
        label=_("Training module"), queryset=TrainingModule.objects.none()
    )
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    session = forms.ModelChoiceField(
        label=_("Session attended"),
        queryset=TrainingSession.objects.none(),
        required=False,
        help_text=_("Required for a training completed at a session only."),
    )

    def __init__(self, *args: Any, modules: Any, user: Any, **kwargs: Any) -> None:
        """Offers the managed organisations' people (the picker "training.trainees") and modules;
        services.completion_record decides. One the user may not see is an invalid choice, like
        a missing id (security review F9)."""
        super().__init__(*args, **kwargs)
        use_picker(self, ["person"], TRAINEES, user, accepted=people_visible_to(user))
        limit_display(self, "module", shown=modules, accepted=modules_for(viewer_for(user)))
        sessions = sessions_for(viewer_for(user)).filter(module__in=modules)
        limit_display(self, "session", shown=sessions, accepted=sessions)


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    trainer = forms.CharField(label=_("Trainer"), max_length=200, required=False)
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Empty: no limit."),
    )
    already_held = forms.BooleanField(
        # The participle agrees with the thing held: « enregistrée » for a session, « enregistré »
        # for an event (issue 15: « A déjà eu lieu (enregistré après coup) » for a session).
        label=pgettext_lazy("training session", "Already held (recorded afterwards)"),
        required=False,
        help_text=_("Tick to record a past session, e.g. to record who attended."),
    )


class AttendanceForm(forms.Form):
    enrolled = forms.ModelMultipleChoiceField(
        label=_("Enrolled people who attended"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Other attendees"),
        queryset=Person.objects.none(),
        widget=PeoplePicker(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, session: TrainingSession, **kwargs: Any) -> None:
        """The people enrolled to the session (whatever their organisation: a partner agency's
        case worker, a mentor) are ticked; anyone else the organisation trains is picked."""
        super().__init__(*args, **kwargs)
        use_picker(self, ["attendees"], TRAINEES, user, accepted=people_visible_to(user))
        self.fields["enrolled"].queryset = enrolled_people(session)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        people = list(data.get("enrolled") or []) + list(data.get("attendees") or [])
        if not people and not self.errors:
            raise forms.ValidationError(_("Tick or pick who attended."))
        data["people"] = people
        return data


class RequirementForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Training module"), queryset=TrainingModule.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    recurrence_months = forms.TypedChoiceField(
        label=_("Renewal"),
        choices=[("", _("Completed once")), *RoleRequirement.Recurrence.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, modules: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_display(self, "module", shown=modules, accepted=modules_for(viewer_for(user)))
