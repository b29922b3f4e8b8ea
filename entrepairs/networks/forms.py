"""Forms of the network pages: they parse; the services decide (same messages as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.groups.models import Kind
from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person, Profession
from entrepairs.people.picker import PeoplePicker, PersonPicker, use_picker

from .models import DIRECTORY_FIELDS, Audience, Level
from .models.directory import PRESENTATION_MAX
from .pickers import MEMBERS, PEOPLE


class NetworkForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Founding organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    open_to_requests = forms.BooleanField(
        label=_("Open to requests from other organisations' coordinators"), required=False
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class InviteOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class InviteMemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), widget=PersonPicker()
    )

    def __init__(self, *args: Any, people: Any, user: Any, network: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The picker searches the same people the form accepts (pickers.people_to_invite).
        use_picker(self, ["person"], PEOPLE, user, accepted=people, network=network.pk)


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    published_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))


class HostedGroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.PEER_SUPPORT)
    organisation = forms.ModelChoiceField(
        label=_("Organisation that runs it"), queryset=Organisation.objects.none()
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Other member organisations asked to co-own it"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty for a peer-support group you lead yourself."),
        widget=PeoplePicker(),
    )
    description = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hard_questions = forms.BooleanField(
        label=_(
            "For questions hard to raise at work (no line manager, no direct colleagues together)"
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, organisations: Any, people: Any, user: Any, network: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        use_picker(self, ["facilitators"], MEMBERS, user, accepted=people, network=network.pk)


class HostedMemberForm(forms.Form):
    hosted = forms.ChoiceField(label=_("Group"))
    person = forms.ModelChoiceField(
        label=_("Member of the network"), queryset=Person.objects.none(), widget=PersonPicker()
    )

    def __init__(
        self,
        *args: Any,
        people: Any,
        user: Any,
        network: Any,
        groups: Any = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The groups the page offers; the view finds the one posted and the service decides.
        self.fields["hosted"].choices = [(str(h.pk), h.group.name) for h in groups]  # type: ignore[attr-defined]
        use_picker(self, ["person"], MEMBERS, user, accepted=people, network=network.pk)


class DirectorySearchForm(forms.Form):
    """The directory's filters (GET); the selector decides what each viewer may match on."""

    q = forms.CharField(label=_("Name or contact detail"), required=False, max_length=100)
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    profession = forms.ChoiceField(
        label=_("Profession"),
        required=False,
        choices=[("", _("Any profession")), *Profession.choices],
    )
    language = forms.CharField(label=_("Language"), required=False, max_length=50)
    min_years = forms.IntegerField(
        label=_("At least (years of experience)"), required=False, min_value=0, max_value=80
    )


class DirectoryProfileForm(forms.Form):
    """ "My profile in the directory": for each detail, with whom it is shared; the presentation.
    The service checks the choices again (same messages as the API)."""

    presentation = forms.CharField(
        label=_("Short presentation"),
        required=False,
        max_length=PRESENTATION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in DIRECTORY_FIELDS:
            self.fields[f"{key}_audience"] = forms.ChoiceField(
                label=label,
                choices=Audience.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _(
                        "“%(value)s” is not a valid choice: choose nobody, the people of my "
                        "groups or the network."
                    ),
                    "required": _("Choose who sees it."),
                },
            )

    def audiences(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"{key}_audience"] for key, _label in DIRECTORY_FIELDS}
