"""The reads of training shared by pages, API, commands and the modules that use training."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person

from .models import RoleRequirement, TrainingCompletion, TrainingModule, TrainingSession
from .rules import (
    completion_visible_q,
    managed_orgs,
    module_visible_q,
    requirement_visible_q,
    session_visible_q,
)

EXPIRING_DAYS = 60

# Modules that use training add where else a person may be trained (mentoring: the
# organisations whose programmes they mentor for). Each source maps a person to organisation ids.
TraineeSource = Callable[[Person], Iterable[Any]]
_TRAINEE_SOURCES: list[TraineeSource] = []


def register_trainee_source(source: TraineeSource) -> None:
    if source not in _TRAINEE_SOURCES:
        _TRAINEE_SOURCES.append(source)


def trains_for(person: Person) -> set[Any]:
    """The organisations that may record this person's trainings: their home organisation,
    those where they hold a role, and those a module using training names."""
    orgs = {person.organisation_id} if person.organisation_id else set()
    orgs |= set(
        Membership.objects.active().filter(person=person).values_list("organisation_id", flat=True)
    )
    for source in _TRAINEE_SOURCES:
        orgs |= set(source(person))
    return orgs


# --- lists a viewer may see ---------------------------------------------------------------------


def modules_for(viewer: Viewer) -> QuerySet[TrainingModule]:
    return TrainingModule.objects.filter(module_visible_q(viewer)).order_by("name", "id")


def sessions_for(viewer: Viewer) -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(session_visible_q(viewer))
        .select_related("module")
        .order_by("-held_on", "id")
    )


def requirements_for(viewer: Viewer) -> QuerySet[RoleRequirement]:
    return (
        RoleRequirement.objects.filter(requirement_visible_q(viewer))
        .select_related("module")
        .order_by("role", "module__name")
    )


def completions_for(viewer: Viewer) -> QuerySet[TrainingCompletion]:
    return (
        TrainingCompletion.objects.filter(completion_visible_q(viewer))
        .select_related("module", "person")
        .order_by("-completed_on", "id")
    )


def managed_completions_for(viewer: Viewer) -> QuerySet[TrainingCompletion]:
    """Completions of the modules of the organisations the viewer manages (the compliance page)."""
    return completions_for(viewer).filter(module__organisation_id__in=managed_orgs(viewer))


def managed_organisations(viewer: Viewer) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=managed_orgs(viewer)).order_by("name")


@picker.source("training.trainees")
def trainees_for(viewer: Viewer) -> QuerySet[Person]:
    """People a viewer may pick for a completion (services decide): the managed organisations'
    people and role holders, never a person served (a youth, a guardian, a casework child)."""
    viewer = viewer_for(viewer)  # the picker's search hands the signed-in user
    orgs = managed_orgs(viewer)
    holders = Membership.objects.active().filter(organisation_id__in=orgs).values("person_id")
    return (
        Person.objects.filter(Q(organisation_id__in=orgs) | Q(pk__in=holders))
        .filter(~served_q())
        .distinct()
        .order_by("last_name", "first_name")
    )


# --- one object for an action ---------------------------------------------------------------------


def _get_for(queryset: QuerySet, user: Any, pk: Any, action: str) -> Any:
    """Invisible and missing are one 404; visible but not allowed is a 403 (PermissionDenied)."""
    from entrepairs.core.views import require

    obj = get_visible_or_404(queryset, pk=pk)
    meta = queryset.model._meta
    require(user, f"{meta.app_label}.{action}_{meta.model_name}", obj)
    return obj


def get_module_for(user: Any, pk: Any, action: str = "view") -> TrainingModule:
    return _get_for(modules_for(viewer_for(user)), user, pk, action)


def get_session_for(user: Any, pk: Any, action: str = "view") -> TrainingSession:
    return _get_for(sessions_for(viewer_for(user)), user, pk, action)


def get_requirement_for(user: Any, pk: Any, action: str = "view") -> RoleRequirement:
    return _get_for(requirements_for(viewer_for(user)), user, pk, action)


def may(user: Any, action: str, model: str = "trainingmodule", obj: Any = None) -> bool:
    return check(user, f"training.{action}_{model}", obj)


# --- requirements and compliance ------------------------------------------------------------------


def missing_requirements(
    person: Person, role: str, organisation_id: Any, today: date | None = None
) -> list[TrainingModule]:
    """The modules `role` requires in the organisation that `person` has no valid completion of
    on `today`: empty means they may hold the role. Two queries."""
    today = today or timezone.localdate()
    required = list(
        TrainingModule.objects.filter(
            organisation_id=organisation_id, requirements__role=role
        ).order_by("name")
    )
    valid = {
        c.module_id
        for c in TrainingCompletion.objects.filter(person=person, module__in=required)
        if c.valid_on(today)
    }
    return [m for m in required if m.pk not in valid]


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

    @property
    def role_labels(self) -> list[str]:
        """The roles in words, for the page (`roles` keeps the codes, for the API)."""
        return [str(Role(role).label) if role in Role.values else role for role in self.roles]


def _cell(module: TrainingModule, done: TrainingCompletion | None, today: date) -> Cell:
    if done is None:
        return Cell(module, "missing")
    if done.expires_on and done.expires_on < today:
        return Cell(module, "expired", done.completed_on, done.expires_on)
    if done.expires_on and done.expires_on < today + timedelta(days=EXPIRING_DAYS):
        return Cell(module, "expiring", done.completed_on, done.expires_on)
    return Cell(module, "ok", done.completed_on, done.expires_on)


def compliance(organisation_ids: set[Any], today: date) -> tuple[list[TrainingModule], list[Row]]:
    """One row per member holding a role that some staff module requires; 4 queries."""
    modules = list(
        TrainingModule.objects.filter(
            organisation_id__in=organisation_ids, audience=TrainingModule.Audience.STAFF
        ).order_by("name")
    )
    required_for: dict[Any, set[str]] = defaultdict(set)
    for req in RoleRequirement.objects.filter(module__in=modules):
        required_for[req.module_id].add(req.role)
    roles_needed = {r for held in required_for.values() for r in held}
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
        cells = [
            _cell(module, latest.get((pid, module.pk)), today)
            if roles[pid] & required_for[module.pk]
            else Cell(module, "n/a")
            for module in modules
        ]
        rows.append(Row(person, sorted(roles[pid]), cells))
    return modules, rows


def staff_roles_of(module: TrainingModule) -> list[str]:
    """The roles that require `module` (uses prefetched requirements when there are)."""
    return sorted(r.role for r in module.requirements.all())
