from typing import Any

from allauth.account.forms import ResetPasswordKeyForm
from django import forms
from django.utils.translation import gettext_lazy as _

from entrepairs.organisations.models import Organisation

from .services import is_first_password, password_set_from_mailed_link


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


class PasswordFromMailedLinkForm(ResetPasswordKeyForm):
    """allauth's page behind a mailed link (invitation or password reset). Saving goes through
    `password_set_from_mailed_link`, which also confirms the address the link was sent to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_password = self.user is not None and is_first_password(self.user)
        if self.first_password:
            self.fields["password1"].label = _("Password")
            self.fields["password2"].label = _("Password (again)")

    def save(self) -> None:
        from allauth.core import context

        password_set_from_mailed_link(user=self.user, password=self.cleaned_data["password1"])
        if self.first_password and context.request is not None:
            # Read by AccountAdapter.add_message: "password chosen", not "changed".
            context.request._first_password = True  # type: ignore[attr-defined]
