"""Every write of training, whatever the channel (page, API, command): each enforces its rules.

Rules from seed 001 (7g, staff training: required modules per role, renewals) and PRODUCT.md §6
(catalogue, sessions, completions): a module, its requirements and sessions are managed by the
coordinators of its organisation; a completion is recorded for someone that organisation trains,
never in the future."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.services import service
from entrepairs.organisations.models import Role
from entrepairs.organisations.services import require_coordinates
from entrepairs.people.models import Person

from .models import RoleRequirement, TrainingCompletion, TrainingModule, TrainingSession
from .selectors import trains_for
from .signals import completion_recorded


def _check_runs(by: Any, organisation_id: Any, field: str = "organisation") -> None:
    require_coordinates(by, organisation_id, _("You do not manage this organisation."), field)


def _check_roles(roles: Iterable[str]) -> list[str]:
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError({"staff_roles": _("Unknown roles: %s") % ", ".join(sorted(unknown))})
    return sorted(set(roles))


@service
@transaction.atomic
def module_save(
    *, module: TrainingModule, by: Person | None, staff_roles: Iterable[str] | None = None
) -> TrainingModule:
    """A module of an organisation, saved by one of its coordinators; `staff_roles` (when given)
    become the roles that require it."""
    _check_runs(by, module.organisation_id)
    roles = _check_roles(staff_roles) if staff_roles is not None else None
    module.full_clean()
    module.save()
    if roles is not None:
        module.requirements.exclude(role__in=roles).delete()
        have = set(module.requirements.values_list("role", flat=True))
        RoleRequirement.objects.bulk_create(
            RoleRequirement(module=module, role=r) for r in roles if r not in have
        )
    return module


@service
@transaction.atomic
def module_delete(*, module: TrainingModule, by: Person | None) -> None:
    _check_runs(by, module.organisation_id)
    module.delete()


@service
@transaction.atomic
def requirement_add(*, module: TrainingModule, role: str, by: Person | None) -> RoleRequirement:
    """From now on whoever holds `role` in the module's organisation must have completed it."""
    _check_runs(by, module.organisation_id, "module")
    role = _check_roles([role])[0]
    requirement, _created = RoleRequirement.objects.get_or_create(module=module, role=role)
    return requirement


@service
@transaction.atomic
def requirement_remove(*, requirement: RoleRequirement, by: Person | None) -> None:
    _check_runs(by, requirement.module.organisation_id, "module")
    requirement.delete()


@service
@transaction.atomic
def session_schedule(
    *, module: TrainingModule, held_on: date, by: Person | None, place: str = "", trainer: str = ""
) -> TrainingSession:
    """A dated session of a module, planned by a coordinator of its organisation."""
    _check_runs(by, module.organisation_id, "module")
    session = TrainingSession(module=module, held_on=held_on, place=place, trainer=trainer)
    session.full_clean()
    session.save()
    return session


@service
@transaction.atomic
def session_record_attendance(
    *, session: TrainingSession, people: Iterable[Person], by: Any
) -> list[TrainingCompletion]:
    """Who attended a session that took place; each attendee completes the module that day.
    Attendees already recorded keep their completion (recording twice changes nothing)."""
    session = (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("module")
        .get(pk=session.pk)
    )
    if session.held_on > timezone.localdate():
        raise ValidationError({"attendees": _("Attendance is recorded once the session is held.")})
    already = set(session.attendees.values_list("pk", flat=True))
    done = []
    for person in people:
        if person.pk in already:
            continue
        done.append(
            completion_record(
                person=person,
                module=session.module,
                completed_on=session.held_on,
                by=by,
                session=session,
            )
        )
        session.attendees.add(person)
    return done


@service
@transaction.atomic
def completion_record(
    *,
    person: Person,
    module: TrainingModule,
    completed_on: date,
    by: Any,
    session: TrainingSession | None = None,
) -> TrainingCompletion:
    """A completion (or a renewal: a newer completion) of a module. The module is one of an
    organisation that trains the person (home, role held, or a module's say, e.g. mentoring),
    recorded by a coordinator of it; never in the future."""
    _check_runs(by, module.organisation_id, "module")
    if module.organisation_id not in trains_for(person):
        raise ValidationError({"module": _("This module belongs to another organisation.")})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("A completion cannot be in the future.")})
    completion = TrainingCompletion(
        person=person, module=module, completed_on=completed_on, session=session
    )
    completion.save()
    completion_recorded.send(sender=TrainingCompletion, completion=completion, by=by)
    return completion
