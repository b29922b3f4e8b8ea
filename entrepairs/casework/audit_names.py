"""How the audit trail names casework's records (issue 15 §7, core.audit.register_names). A
child's case, and every record about one, is named by the child's initials ("Z. C.") only for a
reader who may see the case (`selectors.cases_for`, the access layer); for any other reader the
trail keeps its neutral reference. An audit is named by its title (never about one child)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from entrepairs.core import audit


def initials(person: Any) -> str:
    """ "Zainab Chaoui" → "Z. C.": how the trail names a child."""
    parts = [p[:1].upper() + "." for p in (person.first_name, person.last_name) if p]
    return " ".join(parts)


def _visible_cases(reader: Any) -> Any:
    from entrepairs.organisations.viewer import viewer_for

    from .selectors import cases_for

    return cases_for(viewer_for(reader))


def case_names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
    if reader is None or not getattr(reader, "is_authenticated", False):
        return {}
    return {case.pk: initials(case.child) for case in _visible_cases(reader).filter(pk__in=pks)}


def find_cases(text: str, reader: Any = None) -> list[Any]:
    if reader is None or not getattr(reader, "is_authenticated", False):
        return []
    q = Q(child__first_name__icontains=text) | Q(child__last_name__icontains=text)
    return list(_visible_cases(reader).filter(q).values_list("pk", flat=True)[:500])


def about_a_case(model: Any) -> Any:
    """A namer for a record about one case: named by the case's child, on the same rule."""

    def names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
        rows = list(model._default_manager.filter(pk__in=pks).values_list("pk", "case_id"))
        cases = case_names([case for _pk, case in rows], reader)
        return {pk: cases[case] for pk, case in rows if case in cases}

    def find(text: str, reader: Any = None) -> list[Any]:
        cases = find_cases(text, reader)
        if not cases:
            return []
        return list(
            model._default_manager.filter(case_id__in=cases).values_list("pk", flat=True)[:500]
        )

    return names, find


def register() -> None:
    from . import models as m

    audit.register_names(m.Case, case_names, find=find_cases)
    for model in audit.registered_models():
        if model._meta.app_label != "casework" or model is m.Case:
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        case = fields.get("case")
        if case is not None and getattr(case, "related_model", None) is m.Case:
            names, find = about_a_case(model)
            audit.register_names(model, names, find=find)
    names, find = audit.by_field(m.Audit)
    audit.register_names(m.Audit, names, find=find)
