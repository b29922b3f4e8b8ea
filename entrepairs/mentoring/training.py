"""Staff training compliance (seed 001, 7g): required modules per staff role, renewals."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from entrepairs.organisations.models import Membership
from entrepairs.people.models import Person

from .models import TrainingCompletion, TrainingModule

EXPIRING_DAYS = 60


@dataclass
class Cell:
    module: TrainingModule
    state: str  # ok | expiring | expired | missing | n/a
    completed_on: date | None = None
    expires_on: date | None = None


@dataclass
class Row:
    person: Person
    roles: list[str]
    cells: list[Cell]

    @property
    def compliant(self) -> bool:
        return all(c.state in ("ok", "expiring", "n/a") for c in self.cells)


def compliance(organisation_ids: set[Any], today: date) -> tuple[list[TrainingModule], list[Row]]:
    """One row per staff member holding a role that some staff module requires; 3 queries."""
    modules = list(
        TrainingModule.objects.filter(
            organisation_id__in=organisation_ids, audience=TrainingModule.Audience.STAFF
        ).order_by("name")
    )
    roles_needed = {r for m in modules for r in m.staff_roles}
    roles: dict[Any, set[str]] = defaultdict(set)
    people: dict[Any, Person] = {}
    for m in (
        Membership.objects.active()
        .filter(organisation_id__in=organisation_ids, role__in=roles_needed)
        .select_related("person")
    ):
        roles[m.person_id].add(m.role)
        people[m.person_id] = m.person
    latest: dict[tuple[Any, Any], TrainingCompletion] = {}
    for c in TrainingCompletion.objects.filter(person_id__in=people, module__in=modules).order_by(
        "completed_on"
    ):
        latest[(c.person_id, c.module_id)] = c
    rows = []
    for pid, person in sorted(people.items(), key=lambda kv: (kv[1].last_name, kv[1].first_name)):
        cells = []
        for module in modules:
            if not roles[pid] & set(module.staff_roles):
                cells.append(Cell(module, "n/a"))
                continue
            done: TrainingCompletion | None = latest.get((pid, module.pk))
            if done is None:
                cells.append(Cell(module, "missing"))
            elif done.expires_on and done.expires_on < today:
                cells.append(Cell(module, "expired", done.completed_on, done.expires_on))
            elif done.expires_on and done.expires_on < today + timedelta(days=EXPIRING_DAYS):
                cells.append(Cell(module, "expiring", done.completed_on, done.expires_on))
            else:
                cells.append(Cell(module, "ok", done.completed_on, done.expires_on))
        rows.append(Row(person, sorted(roles[pid]), cells))
    return modules, rows
