"""Journeys: start, name the tutor, tick tasks and kit, evaluate, close. Views, API, tasks and the
demo all call these. Each writes atomically: bad input leaves nothing half-written."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entrepairs.core.audit import refusals_audited
from entrepairs.core.dates import check_happened_on, happened_on_error
from entrepairs.core.notifications import msg, msg_plural, notify
from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM, service
from entrepairs.core.text import check_lengths
from entrepairs.onboarding import notification_kinds as kinds
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.services import require_coordinates
from entrepairs.people.models import Person

from .models import (
    ClosingReview,
    CompetencyObservation,
    FeedbackEntry,
    Introduction,
    Journey,
    JourneyStatus,
    JourneyTask,
    KitCheck,
    ObservationSource,
    OrgContact,
    OwnerRole,
    Phase,
    Reminder,
    ShadowingSession,
    TemplateVersion,
    TutorProfile,
)
from .models.choices import CONTACT_ROLES, PHASE_ORDER
from .models.journeys import today

NAME_TUTOR_DAY = -7  # seed 002: the referent is named in advance of day one


@dataclass
class StartResult:
    journey: Journey
    warnings: list[str] = field(default_factory=list)


def needs_confirmation(messages: list[str], field_name: str = "tutor") -> ValidationError:
    return ValidationError(
        {field_name: [ValidationError(m, code="needs_confirmation") for m in messages]}
    )


# -- tutors --------------------------------------------------------------------------------------


def tutor_load_hours(tutor: Person, *, exclude: Journey | None = None) -> int:
    """Hours per week the tutor already gives to active journeys (each template sets its cost)."""
    qs = Journey.objects.active().filter(tutor=tutor)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.aggregate(h=Sum("version__tutor_hours_per_week"))["h"] or 0


def tutor_warnings(
    *, tutor: Person, version: TemplateVersion, exclude: Journey | None = None
) -> list[str]:
    """Seed 002: tutors are trained and have time allocated. Warn before an untrained or
    overloaded tutor is given a newcomer; the coordinator may confirm and go on."""
    warnings = []
    profile = TutorProfile.objects.filter(person=tutor).first()
    if profile is None or not profile.trained:
        warnings.append(_("%(tutor)s is not trained in tutoring yet.") % {"tutor": tutor})
    allocated = profile.allocated_hours if profile else 0
    load = tutor_load_hours(tutor, exclude=exclude)
    if load + version.tutor_hours_per_week > allocated:
        warnings.append(
            _(
                "%(tutor)s would tutor %(total)s h a week for %(allocated)s h allocated "
                "(already %(load)s h)."
            )
            % {
                "tutor": tutor,
                "total": load + version.tutor_hours_per_week,
                "allocated": allocated,
                "load": load,
            }
        )
    return warnings


def _check_same_org(journey_org_id: Any, **people: Person | None) -> None:
    """Every person an onboarding field names is staff of the organisation: one of its people,
    never a person it serves (a youth, a guardian or foster family, a casework child). The page's
    and the API's pickers offer staff only (selectors.people_for); this is the rule itself, for
    every channel (page, API, command, demo)."""
    errors = {
        name: _("This person belongs to another organisation.")
        for name, person in people.items()
        if person is not None and person.organisation_id != journey_org_id
    }
    named = {name: p.pk for name, p in people.items() if p is not None and name not in errors}
    served = set(
        Person.objects.filter(pk__in=named.values()).filter(served_q()).values_list("pk", flat=True)
    )
    errors |= {
        name: _("This person is served by the organisation (a youth or a family), not staff.")
        for name, pk in named.items()
        if pk in served
    }
    if errors:
        raise ValidationError(errors)


def _check_manages(by: Any, organisation_id: Any, message: str, field: str) -> None:
    require_coordinates(by, organisation_id, message, field)


def may(by: Any, perm: str, obj: Any) -> bool:
    """Whether the acting person passes an onboarding rule (rules.py) on `obj`; SYSTEM is trusted
    code (demo data, commands). A person without an account, or inactive, passes none."""
    if by is SYSTEM:
        return True
    user = getattr(by, "user", None)
    return user is not None and by.is_active and user.is_active and check(user, perm, obj)


def _require_rule(by: Any, perm: str, obj: Any, message: str, field: str | None = None) -> None:
    if not may(by, perm, obj):
        raise ValidationError({field: message} if field else message)


@service
@transaction.atomic
def tutor_profile_save(
    *,
    person: Person,
    trained: bool,
    trained_on: datetime.date | None,
    allocated_hours: int,
    by: Any,
    profile: TutorProfile | None = None,
) -> TutorProfile:
    """A tutor's training and allocated time (seed 002: trained tutors with time for tutoring),
    set by a coordinator of the tutor's organisation. One profile per person: a second one is
    refused with a message (never a database error)."""
    _check_manages(
        by, person.organisation_id, _("You cannot manage tutors of this organisation."), "person"
    )
    others = TutorProfile.objects.select_for_update(of=("self",)).filter(person=person)
    if profile is not None:
        others = others.exclude(pk=profile.pk)
    if others.exists():
        raise ValidationError({"person": _("This person already has a tutor profile.")})
    profile = profile or TutorProfile()
    profile.person = person
    profile.trained, profile.trained_on, profile.allocated_hours = (
        trained,
        trained_on,
        allocated_hours,
    )
    profile.full_clean(validate_unique=False)
    profile.save()
    return profile


@service
@transaction.atomic
def tutor_profile_delete(*, profile: TutorProfile, by: Any) -> None:
    _check_manages(
        by,
        profile.person.organisation_id,
        _("You cannot manage tutors of this organisation."),
        "person",
    )
    profile.delete()


@service
@transaction.atomic
def org_contact_save(*, organisation: Any, role: str, person: Person, by: Any) -> OrgContact:
    """Who holds HR, IT or welcoming-colleague roles in an organisation: one of its people, named
    once per role, by one of its coordinators."""
    _check_manages(
        by, organisation.pk, _("You cannot manage contacts of this organisation."), "organisation"
    )
    _check_same_org(organisation.pk, person=person)
    if OrgContact.objects.filter(organisation=organisation, role=role, person=person).exists():
        raise ValidationError({"person": _("This person already holds this role.")})
    contact = OrgContact(organisation=organisation, role=role, person=person)
    contact.full_clean(validate_unique=False)
    contact.save()
    return contact


@service
@transaction.atomic
def org_contact_delete(*, contact: OrgContact, by: Any) -> None:
    _check_manages(
        by,
        contact.organisation_id,
        _("You cannot manage contacts of this organisation."),
        "organisation",
    )
    contact.delete()


# -- start -----------------------------------------------------------------------------------------


def _contacts(organisation_id: Any) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for contact in OrgContact.objects.filter(organisation_id=organisation_id).select_related(
        "person"
    ):
        found.setdefault(contact.role, contact.person)
    return found


def _resolver(journey: Journey, contacts: dict[str, Person]) -> Any:
    def resolve(role: str) -> Person | None:
        if role in CONTACT_ROLES and role != OwnerRole.COLLEAGUE:
            return contacts.get(role)
        return journey.holder_of(role) or (
            contacts.get(role) if role == OwnerRole.COLLEAGUE else None
        )

    return resolve


@service
@transaction.atomic
def journey_start(
    *,
    version: TemplateVersion,
    newcomer: Person,
    start_date: datetime.date,
    coordinator: Person | None,
    tutor: Person | None = None,
    referent: Person | None = None,
    colleague: Person | None = None,
    confirm: bool = False,
    by: Any = None,
) -> StartResult:
    """Create a journey and its tasks, kit, introductions and reminders from a published version.

    Seed 002 and issue 6: roles resolve to people when the journey starts; a role nobody holds
    gives an unassigned task and a warning; tasks whose day has gone are kept and shown late; a
    journey may start before the tutor is named, with a 'name the tutor' task due at J-7.
    """
    if not version.is_published:
        raise ValidationError({"version": _("Only a published template version can be used.")})
    org_id = version.template.organisation_id
    actor = coordinator if by is None else by
    _check_manages(actor, org_id, _("You cannot start journeys in this organisation."), "template")
    if coordinator is None and by is not SYSTEM:
        coordinator = by
    _check_same_org(org_id, newcomer=newcomer, tutor=tutor, referent=referent, colleague=colleague)
    if Journey.objects.active().filter(newcomer=newcomer).exists():
        raise ValidationError({"newcomer": _("This newcomer already has a journey under way.")})
    if tutor is not None and tutor == newcomer:
        raise ValidationError({"tutor": _("A newcomer cannot be their own tutor.")})
    if tutor is not None and not confirm:
        warnings = tutor_warnings(tutor=tutor, version=version)
        if warnings:
            raise needs_confirmation(warnings)
    journey = Journey.objects.create(
        organisation_id=org_id,
        newcomer=newcomer,
        version=version,
        coordinator=coordinator,
        tutor=tutor,
        referent=referent,
        colleague=colleague,
        start_date=start_date,
    )
    journey.newcomer = Person.objects.select_related("line_manager").get(pk=newcomer.pk)
    resolve = _resolver(journey, _contacts(org_id))
    unassigned: dict[str, int] = {}

    def owner_for(role: str) -> Person | None:
        person = resolve(role)
        if person is None:
            unassigned[role] = unassigned.get(role, 0) + 1
        return person

    tasks = [
        JourneyTask(
            journey=journey,
            phase=t.phase,
            title=t.title,
            description=t.description,
            owner_role=t.owner_role,
            owner=owner_for(t.owner_role),
            start_date=journey.date_of(t.start_day),
            due_date=journey.date_of(t.due_day),
            mandatory=t.mandatory,
            topic=t.topic,
        )
        for t in version.tasks.all()
    ]
    if tutor is None:
        tasks.append(
            JourneyTask(
                journey=journey,
                kind=JourneyTask.Kind.NAME_TUTOR,
                phase=Phase.PREPARE,
                title=_("Name the tutor / referent"),
                owner_role=OwnerRole.COORDINATOR,
                owner=coordinator,
                start_date=min(start_date, today()),
                due_date=journey.date_of(NAME_TUTOR_DAY),
                mandatory=True,
            )
        )
    JourneyTask.objects.bulk_create(tasks)
    KitCheck.objects.bulk_create(
        KitCheck(
            journey=journey,
            kind=item.kind,
            label=item.label,
            provider_role=item.provider_role,
            provider=owner_for(item.provider_role),
        )
        for item in version.kit_items.all()
    )
    Reminder.objects.bulk_create(
        Reminder(
            journey=journey,
            due_date=journey.date_of(r.day),
            message=r.message,
            recipient_role=r.recipient_role,
            recipient=resolve(r.recipient_role),
        )
        for r in version.reminders.all()
    )
    _add_introductions(journey, resolve)
    warnings = []
    if tutor is None:
        warnings.append(_("No tutor is named yet: a task to name one is due at J-7."))
    for role, count in sorted(unassigned.items()):
        warnings.append(
            ngettext(
                "Nobody holds the role %(role)s: %(count)s item is unassigned.",
                "Nobody holds the role %(role)s: %(count)s items are unassigned.",
                count,
            )
            % {"role": OwnerRole(role).label, "count": count}
        )
    late = sum(1 for t in tasks if t.due_date < today())
    if late:
        warnings.append(
            ngettext(
                "Day one is past: %(count)s task is already late and listed as such.",
                "Day one is past: %(count)s tasks are already late and listed as such.",
                late,
            )
            % {"count": late}
        )
    _tell_owners(journey, tasks)
    return StartResult(journey=journey, warnings=warnings)


def _add_introductions(journey: Journey, resolve: Any) -> None:
    """The introductions tour: the journey's people, the organisation's contacts and the team."""
    people: dict[Any, tuple[Person, str]] = {}
    for role in (
        OwnerRole.TUTOR,
        OwnerRole.REFERENT,
        OwnerRole.MANAGER,
        OwnerRole.HR,
        OwnerRole.IT,
    ):
        person = resolve(role)
        if person is not None and person.pk != journey.newcomer_id:
            people.setdefault(person.pk, (person, str(OwnerRole(role).label)))
    if journey.newcomer.team_id:
        for person in Person.objects.filter(
            team_id=journey.newcomer.team_id, is_active=True
        ).exclude(pk=journey.newcomer_id)[:30]:
            people.setdefault(person.pk, (person, _("Team")))
    existing = set(journey.introductions.values_list("person_id", flat=True))
    Introduction.objects.bulk_create(
        Introduction(journey=journey, person=person, why=why)
        for pk, (person, why) in people.items()
        if pk not in existing
    )


def _tell_owners(journey: Journey, tasks: list[JourneyTask]) -> None:
    counts: dict[Any, int] = {}
    owners: dict[Any, Person] = {}
    for task in tasks:
        if task.owner is not None and task.owner.user_id and task.owner_id != journey.newcomer_id:
            counts[task.owner_id] = counts.get(task.owner_id, 0) + 1
            owners[task.owner_id] = task.owner
    for pk, count in counts.items():
        notify(
            kind=kinds.ARRIVAL_TASKS,
            recipient=owners[pk].user,
            organisation=journey.organisation_id,
            subject=msg_plural(
                "Onboarding: %(count)s task for a newcomer's arrival",
                "Onboarding: %(count)s tasks for a newcomer's arrival",
                count,
            ),
            title=msg_plural(
                "Onboarding: %(count)s task for the arrival of %(name)s",
                "Onboarding: %(count)s tasks for the arrival of %(name)s",
                count,
                name=journey.newcomer,
            ),
            body=msg(
                "%(name)s starts on %(date)s. Your tasks are in your list.",
                name=journey.newcomer,
                date=journey.start_date,
            ),
            link=reverse("onboarding:my_tasks"),
        )


# -- tutor and referent ----------------------------------------------------------------------------


@service
@transaction.atomic
def journey_assign_tutor(
    *,
    journey: Journey,
    tutor: Person,
    referent: Person | None = None,
    confirm: bool = False,
    by: Any,
) -> list[str]:
    """Name the tutor (and referent); unassigned tutor/referent tasks now go to them and the
    'name the tutor' task is done. Warns first if the tutor is untrained or overloaded."""
    journey = (
        Journey.objects.select_for_update(of=("self",))
        .select_related("newcomer", "version")
        .get(pk=journey.pk)
    )
    _check_manages(
        by, journey.organisation_id, _("You cannot name tutors in this organisation."), "tutor"
    )
    if not journey.is_active:
        raise ValidationError(_("This journey is closed."))
    _check_same_org(journey.organisation_id, tutor=tutor, referent=referent)
    if tutor == journey.newcomer:
        raise ValidationError({"tutor": _("A newcomer cannot be their own tutor.")})
    warnings = tutor_warnings(tutor=tutor, version=journey.version, exclude=journey)
    if warnings and not confirm and journey.tutor_id != tutor.pk:
        raise needs_confirmation(warnings)
    journey.tutor = tutor
    if referent is not None:
        journey.referent = referent
    journey.save(update_fields=["tutor", "referent", "updated_at"])
    roles = {OwnerRole.TUTOR: tutor, OwnerRole.REFERENT: journey.referent or tutor}
    for role, person in roles.items():
        journey.tasks.filter(owner_role=role, done_at=None).update(owner=person)
        journey.kit_checks.filter(provider_role=role, ready_at=None).update(provider=person)
        journey.reminders.filter(recipient_role=role, sent_at=None).update(recipient=person)
    journey.tasks.filter(kind=JourneyTask.Kind.NAME_TUTOR, done_at=None).update(
        done_at=timezone.now(), done_by=by
    )
    _add_introductions(journey, _resolver(journey, _contacts(journey.organisation_id)))
    if tutor.user_id:
        notify(
            kind=kinds.TUTOR_NAMED,
            recipient=tutor.user,
            organisation=journey.organisation_id,
            subject=msg("You are the tutor of a newcomer"),
            title=msg("You are the tutor of %(name)s", name=journey.newcomer),
            body=msg(
                "%(name)s starts on %(date)s.", name=journey.newcomer, date=journey.start_date
            ),
            link=reverse("onboarding:journey", args=[journey.pk]),
        )
    return warnings


def journey_warnings(journey: Journey) -> list[str]:
    """What the journey page keeps showing until it is dealt with."""
    warnings = []
    if journey.is_active and journey.tutor_id is None:
        warnings.append(_("No tutor is named yet."))
    return warnings


# -- day-to-day ----------------------------------------------------------------------------------


def _require_active(journey: Journey) -> None:
    if not journey.is_active:
        raise ValidationError(_("This journey is closed."))


@service
@transaction.atomic
def task_set_done(*, task: JourneyTask, done: bool, by: Any) -> JourneyTask:
    """Tick a task: its owner, or whoever runs the journey. Trusted code may tick for the owner
    (`by=SYSTEM`, recorded as done by the owner)."""
    task = (
        JourneyTask.objects.select_for_update(of=("self",))
        .select_related("journey__newcomer", "owner")
        .get(pk=task.pk)
    )
    _require_rule(by, "onboarding.change_journeytask", task, _("You cannot tick this task."))
    if by is SYSTEM:
        by = task.owner
    _require_active(task.journey)
    if done and task.done_at is None:
        task.done_at, task.done_by = timezone.now(), by
    elif not done:
        task.done_at, task.done_by = None, None
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    return task


KIT_REFUSED = gettext_lazy(
    "The person who provides this item, or the journey's coordinator, marks it ready."
)


@service
@refusals_audited("kit_ready", target="check")
@transaction.atomic
def kit_set_ready(*, check: KitCheck, ready: bool, by: Any) -> KitCheck:
    """Mark a welcome-kit item ready (or not yet): rules.can_tick_kit_item, through the
    `onboarding.change_kitcheck` permission. A refusal is audited."""
    check = (
        KitCheck.objects.select_for_update(of=("self",))
        .select_related("journey__newcomer")
        .get(pk=check.pk)
    )
    _require_rule(by, "onboarding.change_kitcheck", check, str(KIT_REFUSED))
    return _set_ready(check, ready)


def _set_ready(check: KitCheck, ready: bool) -> KitCheck:
    _require_active(check.journey)
    if ready and check.ready_at is None:
        check.ready_at = timezone.now()
    elif not ready:
        check.ready_at = None
    # A link e-mailed earlier ticks the item once: any change of state spends it.
    check.link_nonce = None
    check.save(update_fields=["ready_at", "link_nonce", "updated_at"])
    return check


@service
@refusals_audited("kit_ready_link", target="item")
@transaction.atomic
def kit_ready_by_link(*, item: KitCheck, by: Person, nonce: Any) -> KitCheck:
    """The signed link e-mailed to a provider without an account (kit_links.py has proved who
    they are and that the link is unspent): the same rule as the page and the API, asked for that
    person, scoped to that item's organisation."""
    from entrepairs.organisations.viewer import Viewer

    from .rules import can_tick_kit_item

    item = (
        KitCheck.objects.select_for_update(of=("self",))
        .select_related("journey__newcomer")
        .get(pk=item.pk)
    )
    if item.link_nonce is None or str(item.link_nonce) != str(nonce) or item.is_ready:
        raise ValidationError(_("This link has already been used."))
    viewer = Viewer(person_id=by.pk, scope=item.journey.organisation_id)
    if not by.is_active or not can_tick_kit_item(viewer, item):
        raise ValidationError(str(KIT_REFUSED))
    return _set_ready(item, True)


@service
@transaction.atomic
def introduction_set_met(
    *, introduction: Introduction, met_on: datetime.date | None, by: Any
) -> Introduction:
    _require_rule(
        by, "onboarding.run_journey", introduction.journey, _("You cannot run this journey.")
    )
    _require_active(introduction.journey)
    check_happened_on("met_on", met_on)
    introduction.met_on = met_on
    introduction.save(update_fields=["met_on", "updated_at"])
    return introduction


@service
@transaction.atomic
def journey_plan_first_lunch(
    *, journey: Journey, on: datetime.date, place: str = "", by: Any
) -> Journey:
    """Seed 002: invite the newcomer to the first break or lunch with colleagues. The colleagues
    on the introductions tour are told (the date and place only)."""
    _require_rule(by, "onboarding.run_journey", journey, _("You cannot run this journey."))
    _require_active(journey)
    if on < journey.start_date:
        raise ValidationError({"first_lunch_on": _("The first lunch is on or after day one.")})
    journey.first_lunch_on, journey.first_lunch_place = on, place.strip()
    journey.save(update_fields=["first_lunch_on", "first_lunch_place", "updated_at"])
    if on < today():
        return journey  # a lunch already past is recorded, nobody is invited to it any more
    for intro in journey.introductions.select_related("person__user"):
        user = intro.person.user
        if user is not None and user.is_active:
            notify(
                kind=kinds.FIRST_LUNCH,
                recipient=user,
                organisation=journey.organisation_id,
                subject=msg("Lunch with a newcomer on %(date)s", date=on),
                title=msg("Lunch with %(name)s on %(date)s", name=journey.newcomer, date=on),
                body=msg(
                    "Join %(name)s for their first lunch or break with colleagues. %(place)s",
                    name=journey.newcomer,
                    place=journey.first_lunch_place,
                ),
                # The journey's page when the colleague may open it, else onboarding's page,
                # which lists what is theirs (onboarding's rules decide).
                link=reverse("onboarding:journey", args=[journey.pk])
                if check(user, "onboarding.view_journey", journey)
                else reverse("onboarding:dashboard"),
                email=False,
            )
    return journey


@service
@transaction.atomic
def journey_set_phase(*, journey: Journey, phase: str, by: Any) -> Journey:
    """Phases follow each other; the close phase is entered here, the journey ends with close."""
    _require_rule(by, "onboarding.run_journey", journey, _("You cannot run this journey."))
    _require_active(journey)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    journey.phase = phase
    journey.save(update_fields=["phase", "updated_at"])
    return journey


def next_phase(phase: str) -> str | None:
    index = PHASE_ORDER.index(Phase(phase))
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


# -- evaluations -----------------------------------------------------------------------------------


@service
@transaction.atomic
def observation_record(
    *,
    journey: Journey,
    competency: Any,
    level: int,
    observed_on: datetime.date,
    note: str = "",
    source: str,
    author: Person | None,
    by: Any = None,
) -> CompetencyObservation:
    """A level on the journey's grid with a dated note, by the tutor or coordinator, or the
    newcomer's self-assessment. The author acts, unless trusted code says `by=SYSTEM`."""
    perm = (
        "onboarding.self_assess_journey"
        if source == ObservationSource.SELF
        else "onboarding.evaluate_journey"
    )
    _require_rule(
        author if by is None else by, perm, journey, _("You cannot record this observation.")
    )
    _require_active(journey)
    errors: dict[str, str] = {}
    if competency.version_id != journey.version_id:
        errors["competency"] = _("This competency is not on this journey's grid.")
    scale = journey.version.scale
    if not isinstance(level, int) or not 1 <= level <= len(scale):
        errors["level"] = _("The level must be between 1 and %(max)s (%(labels)s).") % {
            "max": len(scale),
            "labels": ", ".join(scale),
        }
    check_lengths(note=note)
    if source not in ObservationSource.values:
        errors["source"] = _("Unknown source.")
    if observed_on > today():
        errors["observed_on"] = _("An observation cannot be dated in the future.")
    elif wrong_day := happened_on_error(observed_on):
        errors["observed_on"] = wrong_day
    if errors:
        raise ValidationError(errors)
    return CompetencyObservation.objects.create(
        journey=journey,
        person_id=journey.newcomer_id,
        competency=competency,
        level=level,
        observed_on=observed_on,
        note=note,
        source=source,
        author=author,
    )


@service
@transaction.atomic
def shadowing_plan(
    *,
    journey: Journey,
    colleague: Person,
    date: datetime.date,
    topic: str,
    note: str = "",
    by: Any,
) -> ShadowingSession:
    """Job shadowing with a colleague of the organisation, planned by whoever runs the journey
    and may read its evaluations."""
    _require_rule(
        by, "onboarding.add_shadowingsession", journey, _("You cannot plan job shadowing here.")
    )
    _require_active(journey)
    _check_same_org(journey.organisation_id, colleague=colleague)
    if colleague.pk == journey.newcomer_id:
        raise ValidationError({"colleague": _("Job shadowing is with a colleague.")})
    session = ShadowingSession.objects.create(
        journey=journey, colleague=colleague, date=date, topic=topic.strip(), note=note
    )
    if colleague.user_id:
        notify(
            kind=kinds.JOB_SHADOWING,
            recipient=colleague.user,
            organisation=journey.organisation_id,
            subject=msg("Job shadowing on %(date)s", date=date),
            title=msg("Job shadowing with %(name)s on %(date)s", name=journey.newcomer, date=date),
            body=msg(
                "A newcomer, %(name)s, will work alongside you: %(topic)s.",
                name=journey.newcomer,
                topic=session.topic,
            ),
            link=reverse("onboarding:dashboard"),
        )
    return session


@service
@transaction.atomic
def feedback_record(
    *,
    journey: Journey,
    kind: str,
    given_on: datetime.date,
    text: str,
    author: Person | None,
    by: Any = None,
) -> FeedbackEntry:
    """Feedback by the tutor, the coordinator or the newcomer's manager (the author acts, unless
    trusted code says `by=SYSTEM`)."""
    _require_rule(
        author if by is None else by,
        "onboarding.give_feedback_journey",
        journey,
        _("You cannot give feedback here."),
    )
    _require_active(journey)
    if not text.strip():
        raise ValidationError({"text": _("Write the feedback.")})
    check_happened_on("given_on", given_on)
    check_lengths(text=text)
    entry = FeedbackEntry(
        journey=journey,
        kind=kind,
        given_on=given_on,
        text=text,
        author=author,
    )
    entry.full_clean(exclude=["journey", "author"])
    entry.save()
    return entry


# Who writes which part of the closing review.
REVIEW_TUTOR_FIELDS = (
    "autonomy_on",
    "progression",
    "improvement_points",
    "meta_meeting_on",
    "tutor_process_feedback",
)
REVIEW_NEWCOMER_FIELDS = ("self_reflection", "newcomer_process_feedback")


@service
@transaction.atomic
def closing_review_save(
    *, journey: Journey, values: dict[str, Any], by: Any, as_newcomer: bool | None = None
) -> ClosingReview:
    """The newcomer writes their self-reflection and process feedback; the tutor or coordinator
    the rest. Unknown or other people's fields are refused rather than ignored. Which part `by`
    writes follows from who they are (trusted code says it with `as_newcomer`)."""
    if by is not SYSTEM:
        as_newcomer = may(by, "onboarding.self_assess_journey", journey)
        if not as_newcomer:
            _require_rule(
                by, "onboarding.close_journey", journey, _("You cannot write this review.")
            )
    elif as_newcomer is None:
        raise ValueError("Trusted code says which part of the review it writes.")
    _require_active(journey)
    allowed = REVIEW_NEWCOMER_FIELDS if as_newcomer else REVIEW_TUTOR_FIELDS
    refused = set(values) - set(allowed)
    if refused:
        raise ValidationError(
            {name: _("You cannot write this part of the review.") for name in sorted(refused)}
        )
    review, _created = ClosingReview.objects.select_for_update(of=("self",)).get_or_create(
        journey=journey
    )
    for key, value in values.items():
        setattr(review, key, value)
    if review.autonomy_on and review.autonomy_on < journey.start_date:
        raise ValidationError({"autonomy_on": _("Autonomy cannot come before day one.")})
    review.save()
    return review


@service
@transaction.atomic
def journey_close(*, journey: Journey, by: Any, on: datetime.date | None = None) -> Journey:
    """Seed 002 phase 4: close when autonomy is judged sufficient, after the closing review, by
    the coordinator or the tutor. Refused while mandatory tasks are open."""
    journey = (
        Journey.objects.select_for_update(of=("self",))
        .select_related("newcomer")
        .get(pk=journey.pk)
    )
    _require_rule(by, "onboarding.close_journey", journey, _("You cannot close this journey."))
    _require_active(journey)
    open_tasks = list(
        journey.tasks.filter(mandatory=True, done_at=None).values_list("title", flat=True)
    )
    if open_tasks:
        raise ValidationError(
            ngettext(
                "%(count)s mandatory task is still open: %(titles)s.",
                "%(count)s mandatory tasks are still open: %(titles)s.",
                len(open_tasks),
            )
            % {"count": len(open_tasks), "titles": "; ".join(open_tasks)}
        )
    review = ClosingReview.objects.filter(journey=journey).first()
    if review is None or review.autonomy_on is None or not review.progression.strip():
        raise ValidationError(
            _("Write the closing review first: the date autonomy was reached and the progression.")
        )
    journey.status = JourneyStatus.CLOSED
    journey.phase = Phase.CLOSE
    journey.closed_on = on or today()
    journey.save(update_fields=["status", "phase", "closed_on", "updated_at"])
    return journey


@service
@transaction.atomic
def closing_review_mark_reviewed(
    *, review: ClosingReview, by: Any, note: str = ""
) -> ClosingReview:
    """The coordinator reads the process feedback and notes what changes in the template."""
    _check_manages(
        by,
        review.journey.organisation_id,
        _("You cannot review the process feedback of this organisation."),
        "note",
    )
    review.reviewed_at = timezone.now()
    review.review_note = note.strip()[:500]
    review.save(update_fields=["reviewed_at", "review_note", "updated_at"])
    return review


def tutor_loads(person_ids: list[Any]) -> dict[Any, tuple[int, int]]:
    """(hours per week, newcomers) of active journeys for each tutor, in one query."""
    from django.db.models import Count

    rows = (
        Journey.objects.active()
        .filter(tutor_id__in=person_ids)
        .values("tutor_id")
        .annotate(hours=Sum("version__tutor_hours_per_week"), n=Count("id"))
    )
    return {row["tutor_id"]: (row["hours"] or 0, row["n"]) for row in rows}
