"""How the audit trail names contracts' records (issue 15 §7, core.audit.register_names): a
contract by its parties, a line by its contract and amount, a grid by its name."""

from entrepairs.core import audit


def register() -> None:
    from . import models as m

    names, find = audit.by_field(m.PriceGrid, "name")
    audit.register_names(m.PriceGrid, names, find=find)
    audit.register_names(m.Contract, audit.by_text(m.Contract, related=("provider", "client")))
    audit.register_names(
        m.InvoiceLine,
        audit.by_text(m.InvoiceLine, related=("contract__provider", "contract__client")),
    )
