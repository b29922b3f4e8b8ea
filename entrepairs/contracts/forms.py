"""Forms of the contracts pages: a price grid typed as bands, a quote."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entrepairs.groups.models import SESSIONS_PER_YEAR
from entrepairs.organisations.models import Organisation
from entrepairs.people.picker import PersonPicker

from .models import Contract
from .services import QUOTE_VALID_DAYS


def parse_bands(text: str, key: str) -> list[dict[str, Any]]:
    """Lines "1-8: 95" (from-to: value); "12-: 10" is open-ended."""
    bands = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            span, value = line.split(":", 1)
            low, high = span.split("-", 1)
            bands.append(
                {"from": int(low), "to": int(high) if high.strip() else None, key: value.strip()}
            )
        except ValueError as exc:
            raise forms.ValidationError(
                _("Write each band as “from-to: value”, e.g. 1-8: 95.")
            ) from exc
    return bands


class PriceGridForm(forms.Form):
    provider = forms.ModelChoiceField(label=_l("Provider"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_l("Name"), max_length=200)
    beneficiary_bands = forms.CharField(
        label=_l("Hourly rate by number of beneficiaries"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_l("One band a line, e.g. “1-8: 95” then “9-: 110”."),
    )
    rhythm_bands = forms.CharField(
        label=_l("Discount (%) by sessions a year"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("One band a line, e.g. “1-11: 0” then “12-: 10”."),
    )


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "provider",
            "provider_person",
            "client",
            "group",
            "price_grid",
            "session_hours",
            "sessions_per_year",
            "beneficiaries",
            "quote_valid_until",
            "client_order_number",
            "client_service_code",
        ]
        # "3,5" hours as a French reader types it (outside test: refused), "3.5" as well.
        localized_fields = ["session_hours"]
        widgets = {
            "quote_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "provider_person": PersonPicker(),
        }
        help_texts = {
            "quote_valid_until": _l("Prefilled with 30 days from today; at most a year."),
            "client_order_number": _l("Public clients (Chorus Pro): their commitment number."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.initial.get("quote_valid_until"):
            # A quote is issued with its validity date (the model requires it): 30 days unless
            # the author types another one.
            self.initial["quote_valid_until"] = timezone.localdate() + timedelta(
                days=QUOTE_VALID_DAYS
            )
        # The sessions' range and its message are the model's (`SessionsPerYearValidator`), not
        # the form field's "greater than or equal to 0"; min and max only guide the browser.
        sessions = self.fields["sessions_per_year"]
        sessions.validators = []
        low, high = SESSIONS_PER_YEAR
        sessions.widget.attrs.update({"min": low, "max": high})


class CreditNoteForm(forms.Form):
    # Empty or all that remains: the invoice's cancellation (services.invoice_credit decides).
    amount = forms.DecimalField(
        label=_l("Amount (excl. VAT)"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        required=False,
        help_text=_l(
            "Empty or all that remains: the invoice is cancelled and its sessions can be "
            "invoiced again. Less: a partial credit note, which needs a reason."
        ),
    )
    reason = forms.CharField(label=_l("Reason"), max_length=300, required=False)


class OrderReferencesForm(forms.ModelForm):
    """A public client's Chorus Pro references, on the contract page."""

    class Meta:
        model = Contract
        fields = ["client_order_number", "client_service_code"]
