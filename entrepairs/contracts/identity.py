"""What an invoice needs to know of its parties (French legal mentions, Chorus Pro), checked
before a number is given, and copied onto the invoice at issue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
    position, or whose public client has no order number or service code."""
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
        raise ValidationError(errors)


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
