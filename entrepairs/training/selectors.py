"""The reads of training shared by pages, API, commands and the modules that use training."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person

from .models import (
    RoleRequirement,
    TrainingCompletion,
    TrainingEnrolment,
    TrainingModule,
    TrainingSession,
)
from .rules import (
    completion_visible_q,
    managed_orgs,
    module_visible_q,
    requirement_visible_q,
    session_visible_q,
)

EXPIRING_DAYS = 60
ALERT_DAYS = 30  # expiry alerts: this many days ahead (the daily task, the command's default)

# Modules that use training add where else a person may be trained (mentoring: the
# organisations whose programmes they mentor for). Each source maps a person to organisation ids.
TraineeSource = Callable[[Person], Iterable[Any]]
_TRAINEE_SOURCES: list[TraineeSource] = []


def register_trainee_source(source: TraineeSource) -> None:
    if source not in _TRAINEE_SOURCES:
        _TRAINEE_SOURCES.append(source)


# Modules that use training add what else requires a training of a person (mentoring: the
# trainings a programme requires of its mentors and of its partner agencies' case workers). Each
# source maps a person to (module id, reason in words) pairs.
RequirementSource = Callable[[Person], Iterable[tuple[Any, str]]]
_REQUIREMENT_SOURCES: list[RequirementSource] = []


def register_requirement_source(source: RequirementSource) -> None:
    if source not in _REQUIREMENT_SOURCES:
        _REQUIREMENT_SOURCES.append(source)


# Modules that hold a session elsewhere (events: a training event) say when a seat is taken or
# given back through them only. A guard raises ValidationError to refuse; it gets the session,
# the person and "enrol" or "withdraw".
EnrolmentGuard = Callable[[TrainingSession, Person, str], None]
_ENROLMENT_GUARDS: list[EnrolmentGuard] = []


def register_enrolment_guard(guard: EnrolmentGuard) -> None:
    if guard not in _ENROLMENT_GUARDS:
        _ENROLMENT_GUARDS.append(guard)


def check_enrolment_guards(session: TrainingSession, person: Person, action: str) -> None:
    for guard in _ENROLMENT_GUARDS:
        guard(session, person, action)


@dataclass(frozen=True)
class HeldAs:
    """Where a session held elsewhere takes its seats (an event's page): its title and address."""

    title: str
    url: str


# The same modules say where such a session is held, so that « Mes formations » links there
# instead of offering a second enrol button (one home for the seats: the event's, with its
# waiting list). A holder maps session ids to where each is held.
SessionHolder = Callable[[list[Any]], dict[Any, HeldAs]]
_SESSION_HOLDERS: list[SessionHolder] = []


def register_session_holder(holder: SessionHolder) -> None:
    if holder not in _SESSION_HOLDERS:
        _SESSION_HOLDERS.append(holder)


def held_elsewhere(session_ids: list[Any]) -> dict[Any, HeldAs]:
    found: dict[Any, HeldAs] = {}
    for holder in _SESSION_HOLDERS:
        found.update(holder(session_ids))
    return found


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


def enrolled_people(session: TrainingSession) -> QuerySet[Person]:
    return Person.objects.filter(training_enrolments__session=session).order_by(
        "last_name", "first_name"
    )


def attendees_visible_to(user: Any) -> QuerySet[Person]:
    """Whom a coordinator may record at a session: people they see, and whoever enrolled to a
    session of an organisation they manage (a mentor, a partner agency's case worker)."""
    from entrepairs.people.selectors import people_visible_to

    orgs = managed_orgs(viewer_for(user))
    enrolled = TrainingEnrolment.objects.filter(session__module__organisation_id__in=orgs).values(
        "person_id"
    )
    return Person.objects.filter(
        Q(pk__in=people_visible_to(user).values("pk")) | Q(pk__in=enrolled)
    )


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


def compliance(
    organisation_ids: set[Any], today: date, among: set[Any] | None = None
) -> tuple[list[TrainingModule], list[Row]]:
    """One row per member holding a role that some staff module requires (among these people
    when given); 4 queries."""
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
    held = Membership.objects.active().filter(
        organisation_id__in=organisation_ids, role__in=roles_needed
    )
    if among is not None:
        held = held.filter(person_id__in=among)
    for m in held.select_related("person__team"):
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


def team_of(user: Any) -> QuerySet[Person]:
    """A team leader's team: their direct reports, as the people rule lets them see them
    (`people.rules.visible_q`: a line manager sees their reports; the same rule as the people
    pages, never re-derived here)."""
    from entrepairs.core.permissions import id_q
    from entrepairs.people.selectors import people_visible_to

    viewer = viewer_for(user)
    return people_visible_to(user).filter(id_q("line_manager_id", viewer.person_id), is_active=True)


def my_team_compliance(user: Any, today: date) -> tuple[list[TrainingModule], list[Row]]:
    """The required trainings of the viewer's team, person × requirement, with their state; the
    columns are the modules required of at least one of them. 6 queries."""
    team = set(team_of(user).values_list("pk", flat=True))
    if not team:
        return [], []
    orgs = set(
        Membership.objects.active()
        .filter(person_id__in=team)
        .values_list("organisation_id", flat=True)
    )
    modules, rows = compliance(orgs, today, among=team)
    used = [i for i, _m in enumerate(modules) if any(r.cells[i].state != "n/a" for r in rows)]
    for row in rows:
        row.cells = [row.cells[i] for i in used]
    return [modules[i] for i in used], rows


@dataclass
class TeamCompliance:
    team: str
    compliant: int
    total: int


def team_compliance(rows: list[Row]) -> list[TeamCompliance]:
    """The compliance table summed up per team (people without a team together, last)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        name = row.person.team.name if row.person.team is not None else ""
        counts[name][0] += int(row.compliant)
        counts[name][1] += 1
    return [
        TeamCompliance(name, done, total)
        for name, (done, total) in sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]


def staff_roles_of(module: TrainingModule) -> list[str]:
    """The roles that require `module` (uses prefetched requirements when there are)."""
    return sorted(r.role for r in module.requirements.all())


# --- a person's own trainings ("My trainings") -----------------------------------------------------


@dataclass(frozen=True)
class SessionOffer:
    """A coming session as the person sees it: enrolled or not, full (no seat left for them), or
    held as an event (its seats are taken on the event's page, never here)."""

    session: TrainingSession
    enrolled: bool
    full: bool
    held_as: HeldAs | None


@dataclass
class Required:
    """A training required of a person, why, its state and the sessions they may enrol to."""

    module: TrainingModule
    reasons: list[str]
    cell: Cell
    sessions: list[TrainingSession]
    enrolled: set[Any]
    offers: list[SessionOffer]


def required_of(person: Person) -> dict[Any, list[str]]:
    """Module id → why it is required of the person: a role they hold (requirements per role)
    and what the modules using training say (a programme). One query plus one per source."""
    reasons: dict[Any, list[str]] = defaultdict(list)
    held = Membership.objects.active().filter(person=person).select_related("organisation")
    by_org_role = {(m.organisation_id, m.role): m for m in held}
    if by_org_role:
        roles = {role for _org, role in by_org_role}
        for req in RoleRequirement.objects.filter(role__in=roles).values(
            "module_id", "module__organisation_id", "role"
        ):
            membership = by_org_role.get((req["module__organisation_id"], req["role"]))
            if membership is not None:
                reasons[req["module_id"]].append(
                    f"{membership.get_role_display()} — {membership.organisation.name}"
                )
    for source in _REQUIREMENT_SOURCES:
        for module_id, reason in source(person):
            reasons[module_id].append(reason)
    return reasons


def my_trainings(person: Person, today: date | None = None) -> list[Required]:
    """What is required of `person`, with the state of their latest completion and the coming
    sessions of each module (whatever organisation gives it: a mentor's programme, a partner
    agency's): bounded queries, whatever the number of modules."""
    today = today or timezone.localdate()
    reasons = required_of(person)
    modules = list(TrainingModule.objects.filter(pk__in=reasons).order_by("name", "id"))
    latest: dict[Any, TrainingCompletion] = {}
    for c in TrainingCompletion.objects.filter(person=person, module__in=modules).order_by(
        "completed_on"
    ):
        latest[c.module_id] = c
    coming: dict[Any, list[TrainingSession]] = defaultdict(list)
    for session in (
        TrainingSession.objects.filter(module__in=modules, held_on__gte=today)
        .annotate(taken=Count("enrolments"))
        .order_by("held_on", "id")
    ):
        if len(coming[session.module_id]) < 5:
            coming[session.module_id].append(session)
    enrolled = set(
        TrainingEnrolment.objects.filter(
            person=person, session__module__in=modules, session__held_on__gte=today
        ).values_list("session_id", flat=True)
    )
    held = held_elsewhere([s.pk for shown in coming.values() for s in shown])
    return [
        Required(
            module=m,
            reasons=sorted(set(reasons[m.pk])),
            cell=_cell(m, latest.get(m.pk), today),
            sessions=coming[m.pk],
            enrolled=enrolled,
            offers=[_offer(s, s.pk in enrolled, held.get(s.pk)) for s in coming[m.pk]],
        )
        for m in modules
    ]


def is_full(session: TrainingSession, taken: int) -> bool:
    """No seat left: the rule session_enrol refuses with, read here for what the pages offer."""
    return session.capacity is not None and taken >= session.capacity


def _offer(session: Any, enrolled: bool, held_as: HeldAs | None) -> SessionOffer:
    return SessionOffer(
        session=session,
        enrolled=enrolled,
        full=not enrolled and is_full(session, session.taken),
        held_as=held_as,
    )


def my_completions(person: Person) -> QuerySet[TrainingCompletion]:
    return (
        TrainingCompletion.objects.filter(person=person)
        .select_related("module", "session")
        .order_by("-completed_on", "id")
    )


def enrollable_session_for(user: Any, pk: Any) -> TrainingSession:
    """A session the signed-in person may enrol to: one of a module required of them, or one the
    viewer manages; any other answers 404 (it is not theirs to see)."""
    from django.http import Http404

    viewer = viewer_for(user)
    person = Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None
    required = set(required_of(person)) if person is not None else set()
    session = (
        TrainingSession.objects.filter(
            Q(module_id__in=required) | Q(session_visible_q(viewer)), pk=pk
        )
        .select_related("module")
        .first()
    )
    if session is None:
        raise Http404
    return session


def get_completion_for(user: Any, pk: Any) -> TrainingCompletion:
    """A completion the viewer may see (their own, or of an organisation they manage), or 404."""
    return get_visible_or_404(
        completions_for(viewer_for(user)).select_related("module__organisation", "session"), pk=pk
    )


def expiring_required_completions(*, today: date, days: int) -> QuerySet[TrainingCompletion]:
    """Latest completions of a required module (per role or by a programme) that expire within
    `days` days and were not alerted yet."""
    from django.db.models import Exists, OuterRef

    newer = TrainingCompletion.objects.filter(
        person_id=OuterRef("person_id"),
        module_id=OuterRef("module_id"),
        completed_on__gt=OuterRef("completed_on"),
    )
    return (
        TrainingCompletion.objects.filter(
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=days),
            alerted_on__isnull=True,
        )
        .filter(Q(module__requirements__isnull=False) | Q(module__programmes__isnull=False))
        .exclude(Exists(newer))
        .select_related("module", "person__user")
        .distinct()
        .order_by("expires_on", "id")
    )
