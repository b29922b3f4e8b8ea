from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """Price grids, quotes, contracts and invoices: used by groups today, networks later."""

    name = "entrepairs.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self) -> None:
        from entrepairs.core import audit
        from entrepairs.groups.signals import session_held
        from entrepairs.organisations.signals import organisation_changing

        from . import models, rules  # noqa: F401 - rules registers the permissions
        from .receivers import invoice_held_session, keep_provider_siret

        for model in (models.Contract, models.PriceGrid, models.InvoiceLine):
            audit.register(model)
        from .audit_names import register as register_names

        register_names()
        session_held.connect(invoice_held_session, dispatch_uid="contracts.invoice_held_session")
        organisation_changing.connect(keep_provider_siret, dispatch_uid="contracts.keep_siret")
        from entrepairs.groups.periods import CONTRACT_PERIODS

        from .periods import contract_period

        if contract_period not in CONTRACT_PERIODS:
            CONTRACT_PERIODS.append(contract_period)  # certificates over a contract's year
