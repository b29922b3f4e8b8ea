"""Forms of the network pages: they parse; the services decide (same messages as the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person
from entrepairs.people.picker import PersonPicker, use_picker

from .models import Level
from .pickers import PEOPLE


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
