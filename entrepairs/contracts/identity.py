"""What an invoice needs to know of its parties (French legal mentions, Chorus Pro), checked
before a number is given, and copied onto the invoice at issue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from entrepairs.core.french import french_text

# The standard French VAT rate, for a provider that is not exempt.
STANDARD_VAT_RATE = Decimal("20.00")


def vat_exemption_text() -> str:
    """Code général des impôts, article 261-4-4° a: vocational training is exempt from VAT."""
    return _("VAT exempt: article 261-4-4° a of the CGI (vocational training).")


def is_public(organisation: Any) -> bool:
    from entrepairs.organisations.models import Organisation

    return bool(organisation.kind == Organisation.Kind.PUBLIC)


def check_invoiceable(contract: Any) -> None:
    """Refuse, naming each missing piece, an invoice whose seller has no SIRET, address or VAT
    position, whose client has no SIRET, or whose public client has no order number or service
    code."""
    seller, client = contract.provider, contract.client
    errors: dict[str, str] = {}
    if not seller.siret:
        errors["siret"] = _("The SIRET of %(org)s is missing.") % {"org": seller}
    if not seller.address.strip():
        errors["address"] = _("The address of %(org)s is missing.") % {"org": seller}
    if not seller.vat_number and not seller.vat_exempt_training:
        errors["vat_number"] = _(
            "The VAT number of %(org)s is missing (or tick its VAT exemption for training)."
        ) % {"org": seller}
    if not client.siret:
        # French e-invoicing reform: a business or public buyer's SIREN/SIRET is a required
        # mention (every client organisation here is one: no private person buys supervision).
        errors["client_siret"] = _(
            "The SIRET of the client %(org)s is missing: it is a required mention on an invoice. "
            "Its coordinators fill it in the organisation's settings."
        ) % {"org": client}
    if is_public(client):
        if not contract.client_order_number:
            errors["client_order_number"] = _(
                "%(org)s is a public client: its order number is missing (Chorus Pro)."
            ) % {"org": client}
        if not contract.client_service_code:
            errors["client_service_code"] = _(
                "%(org)s is a public client: its service code is missing (Chorus Pro)."
            ) % {"org": client}
    if errors:
        # "Le SIRET d’Atelier…": the organisation's name decides the elision.
        raise ValidationError({field: french_text(said) for field, said in errors.items()})


def check_quotable(contract: Any) -> None:
    """A quote names its seller by its SIRET (a required mention, as on invoices and credit
    notes): a provider without one makes no quote."""
    if not contract.provider.siret:
        raise ValidationError(
            {
                "provider": french_text(
                    _(
                        "The SIRET of %(org)s is missing: a quote names it. Its coordinators "
                        "fill it in the organisation's settings."
                    )
                    % {"org": contract.provider}
                )
            }
        )


def check_siret_kept(organisation: Any) -> None:
    """A provider with live quotes or agreements keeps a SIRET: removing it would leave them,
    and the invoices still to issue, without the seller's required mention."""
    from .models import Contract

    if organisation.siret or organisation.pk is None:
        return
    live = Contract.objects.filter(
        provider_id=organisation.pk, status__in=[Contract.Status.QUOTE, Contract.Status.SIGNED]
    )
    if live.exists():
        raise ValidationError(
            {
                "siret": _(
                    "This organisation has quotes or agreements in progress: its SIRET is "
                    "required on them and cannot be removed."
                )
            }
        )


def party(organisation: Any) -> dict[str, Any]:
    """The organisation as the invoice prints it, frozen at issue."""
    return {
        "name": organisation.name,
        "address": organisation.address,
        "siret": organisation.siret,
        "vat_number": organisation.vat_number,
        "vat_exempt_training": organisation.vat_exempt_training,
        "nda": organisation.training_declaration_number,
        "certification": organisation.certification,
        "public": is_public(organisation),
    }
