"""Forms of the training pages: they parse; the services decide (same messages as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.core.forms import limit_display
from entrepairs.organisations.models import Role
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.picker import PeoplePicker, PersonPicker, use_picker
from entrepairs.people.selectors import people_visible_to

from .models import TrainingModule
from .selectors import modules_for

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
        fields = ["organisation", "name", "topic", "audience", "validity_months"]

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

    def __init__(self, *args: Any, modules: Any, user: Any, **kwargs: Any) -> None:
        """Offers the managed organisations' people (the picker "training.trainees") and modules;
        services.completion_record decides. One the user may not see is an invalid choice, like
        a missing id (security review F9)."""
        super().__init__(*args, **kwargs)
        use_picker(self, ["person"], TRAINEES, user, accepted=people_visible_to(user))
        limit_display(self, "module", shown=modules, accepted=modules_for(viewer_for(user)))


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    trainer = forms.CharField(label=_("Trainer"), max_length=200, required=False)


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=Person.objects.none(), widget=PeoplePicker()
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_picker(self, ["attendees"], TRAINEES, user, accepted=people_visible_to(user))


class RequirementForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Training module"), queryset=TrainingModule.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, modules: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_display(self, "module", shown=modules, accepted=modules_for(viewer_for(user)))
