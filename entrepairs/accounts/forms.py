from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.organisations.models import Organisation


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. 'HR sync'.")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
