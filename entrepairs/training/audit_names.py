"""How the audit trail names training's records (issue 15 §7, core.audit.register_names)."""

from entrepairs.core import audit


def register() -> None:
    from . import models as m

    names, find = audit.by_field(m.TrainingModule, "name")
    audit.register_names(m.TrainingModule, names, find=find)
    for model in (m.TrainingCompletion, m.TrainingSession, m.RoleRequirement):
        audit.register_names(model, audit.by_text(model, related=("module",)))
