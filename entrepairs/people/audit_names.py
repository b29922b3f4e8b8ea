"""How the audit trail names people (issue 15 §7, core.audit.register_names): by their name
today. A child's placement is named by casework's access layer (casework.audit_names)."""

from entrepairs.core import audit


def register() -> None:
    from .models import Person

    audit.register_names(Person, audit.by_text(Person))
