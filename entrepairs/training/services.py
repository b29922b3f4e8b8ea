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

from entrepairs.core.notifications import resolve
from entrepairs.core.services import service
from entrepairs.organisations.models import Role
from entrepairs.organisations.services import require_coordinates
from entrepairs.people.models import Person

from .models import (
    RoleRequirement,
    TrainingCompletion,
    TrainingEnrolment,
    TrainingModule,
    TrainingSession,
)
from .notifications import EXPIRY
from .selectors import check_enrolment_guards, is_full, trains_for
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
    if module.pk:
        for requirement in module.requirements.all():
            _check_recurrence(module, requirement.recurrence_months, "validity_months")
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


def _check_recurrence(module: TrainingModule, recurrence_months: int | None, field: str) -> None:
    """A completion must stay valid until its renewal is due: a module valid 6 months cannot be
    renewed every year (the requirement would expire before it is due)."""
    if recurrence_months is None:
        return
    if recurrence_months not in RoleRequirement.Recurrence.values:
        raise ValidationError({"recurrence_months": _("Renew every year or every two years.")})
    if module.validity_months and module.validity_months < recurrence_months:
        raise ValidationError(
            {
                field: _(
                    "A completion of “%(module)s” is valid %(validity)s months: renewed every "
                    "%(recurrence)s months, the requirement would expire before it is due. "
                    "Lengthen the validity or renew more often."
                )
                % {
                    "module": module.name,
                    "validity": module.validity_months,
                    "recurrence": recurrence_months,
                }
            }
        )


@service
@transaction.atomic
def requirement_add(
    *,
    module: TrainingModule,
    role: str,
    by: Person | None,
    recurrence_months: int | None = None,
) -> RoleRequirement:
    """From now on whoever holds `role` in the module's organisation must have completed it, and
    renew it every `recurrence_months` (12 or 24) when given, within the module's validity."""
    _check_runs(by, module.organisation_id, "module")
    role = _check_roles([role])[0]
    _check_recurrence(module, recurrence_months, "recurrence_months")
    requirement, _created = RoleRequirement.objects.update_or_create(
        module=module, role=role, defaults={"recurrence_months": recurrence_months}
    )
    return requirement


@service
@transaction.atomic
def requirement_remove(*, requirement: RoleRequirement, by: Person | None) -> None:
    _check_runs(by, requirement.module.organisation_id, "module")
    requirement.delete()


@service
@transaction.atomic
def session_schedule(
    *,
    module: TrainingModule,
    held_on: date,
    by: Person | None,
    place: str = "",
    trainer: str = "",
    capacity: int | None = None,
    already_held: bool = False,
) -> TrainingSession:
    """A dated session of a module, planned by a coordinator of its organisation: a coming one,
    or one `already_held` recorded afterwards (to record its attendance). A past date without
    it is refused (outside test of #16: past dates were taken without a word)."""
    _check_runs(by, module.organisation_id, "module")
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("A session has at least one seat.")})
    if held_on < timezone.localdate() and not already_held:
        raise ValidationError(
            {
                "held_on": _(
                    "The date has passed: choose a coming date, or record the session as "
                    "already held."
                )
            }
        )
    session = TrainingSession(
        module=module, held_on=held_on, place=place, trainer=trainer, capacity=capacity
    )
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
    recorded by a coordinator of it; never in the future; at a session of the module held that
    day when the module is completed at sessions only (issue 16, bad input: "a training
    completion without a session")."""
    _check_runs(by, module.organisation_id, "module")
    if module.organisation_id not in trains_for(person):
        raise ValidationError({"module": _("This module belongs to another organisation.")})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("A completion cannot be in the future.")})
    if session is None and module.requires_session:
        raise ValidationError(
            {
                "session": _(
                    "“%(module)s” is completed at a session: choose the session the person "
                    "attended (or plan one)."
                )
                % {"module": module.name}
            }
        )
    if session is not None and (session.module_id != module.pk or session.held_on != completed_on):
        raise ValidationError(
            {"session": _("This session is not a session of this module held that day.")}
        )
    completion = TrainingCompletion(
        person=person, module=module, completed_on=completed_on, session=session
    )
    completion.save()
    # Renewed: the alerts about its earlier completions ask nobody any more (issue 15).
    resolve(kind=EXPIRY, about=_earlier(completion))
    completion_recorded.send(sender=TrainingCompletion, completion=completion, by=by)
    return completion


def _earlier(completion: TrainingCompletion) -> list[TrainingCompletion]:
    """The person's other completions of the module: the expiry alerts are about them."""
    return list(
        TrainingCompletion.objects.filter(
            person_id=completion.person_id, module_id=completion.module_id
        ).exclude(pk=completion.pk)
    )


@service
@transaction.atomic
def session_enrol(*, session: TrainingSession, person: Person, by: Any) -> TrainingEnrolment:
    """A seat at a session that is not held yet, for a person the module's organisation trains;
    taken by the person themselves or by a coordinator of that organisation. The session row is
    locked so that two people never take its last seat (issue 16, the last-seat race)."""
    session = (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("module")
        .get(pk=session.pk)
    )
    if getattr(by, "pk", None) != person.pk:
        _check_runs(by, session.module.organisation_id, "session")
    if session.module.organisation_id not in trains_for(person):
        raise ValidationError({"session": _("This organisation does not train this person.")})
    if session.held_on < timezone.localdate():
        raise ValidationError({"session": _("This session is over: choose a later one.")})
    existing = TrainingEnrolment.objects.filter(session=session, person=person).first()
    if existing is not None:
        return existing
    check_enrolment_guards(session, person, "enrol")
    if is_full(session, session.enrolments.count()):
        raise ValidationError(
            {"session": _("This session is full: choose another one or ask your coordinator.")}
        )
    enrolment = TrainingEnrolment.objects.create(session=session, person=person)
    # Enrolled to renew it: the person's own "enrol to a session" alert is done (the
    # coordinators' asks them to record the renewal: it waits for the completion).
    if person.user_id is not None:
        held = list(TrainingCompletion.objects.filter(person=person, module_id=session.module_id))
        resolve(kind=EXPIRY, about=held, recipient=person.user_id)
    return enrolment


@service
@transaction.atomic
def session_withdraw(*, session: TrainingSession, person: Person, by: Any) -> None:
    """A person gives their seat back (themselves, or a coordinator for them) before the day."""
    if getattr(by, "pk", None) != person.pk:
        _check_runs(by, session.module.organisation_id, "session")
    if session.held_on < timezone.localdate():
        raise ValidationError({"session": _("This session is over: choose a later one.")})
    if TrainingEnrolment.objects.filter(session=session, person=person).exists():
        check_enrolment_guards(session, person, "withdraw")
    TrainingEnrolment.objects.filter(session=session, person=person).delete()


@service
@transaction.atomic
def expiry_alerts_send(*, today: date, days: int, by: Any) -> int:
    """Warn each person whose required training expires within `days` days, and the coordinators
    of the module's organisation, once per completion (`alerted_on`). Returns how many went out."""
    from .notifications import send_expiry_alert
    from .selectors import expiring_required_completions

    sent = 0
    for completion in expiring_required_completions(today=today, days=days):
        send_expiry_alert(completion)
        completion.alerted_on = today
        completion.save(update_fields=["alerted_on"])
        sent += 1
    return sent
