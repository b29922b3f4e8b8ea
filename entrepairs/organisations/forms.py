from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SENSITIVE_ROLES, Organisation, Role, Site, Team


# Names unique in the organisation, parents and sites of the same organisation: the services'
# rules (`services.team_save`, `services.site_save`), which the views call.
class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "kind", "parent", "site"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        parents = Team.objects.filter(organisation=organisation)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "address", "region"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


# What quotes, agreements and invoices print about the organisation (contracts app).
LEGAL_IDENTITY_FIELDS = [
    "address",
    "siret",
    "vat_number",
    "vat_exempt_training",
    "training_declaration_number",
    "certification",
]

# The roles an organisation may require two-factor sign-in for (settings page and API).
MFA_ROLE_CHOICES = [(r.value, r.label) for r in Role if r in SENSITIVE_ROLES]


class OrganisationSettingsForm(forms.ModelForm):
    require_mfa_roles = forms.MultipleChoiceField(
        label=_("Require two-factor authentication for these roles"),
        choices=MFA_ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "region",
            "require_mfa_roles",
            "session_idle_minutes",
            *LEGAL_IDENTITY_FIELDS,
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class RoleRequestForm(forms.Form):
    """Ask to give a role here to someone whose home is another organisation."""

    email = forms.EmailField(label=_("Their e-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
