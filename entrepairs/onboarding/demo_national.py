"""Onboarding of the national benchmark set (`load_demo --size national`), bulk-inserted.

Proportions: in every association, agency and public body, the newest 5 % of its field staff
(the last hired of each organisation, at least one) are newcomers on an onboarding journey built
from the organisation's published "educator" template (the largest organisation's is written
through the templating services, the others get a published copy of it, bulk-inserted). Day one is spread from 80 days ago to 20 days ahead, so the journeys are
in every phase (prepare before day one, welcome its first week, accompany after); tasks whose due
day is more than a day gone are done for 85 % of them, the rest are late. Every journey has a
tutor (a colleague of another team), a colleague of the newcomer's own team and the
organisation's first coordinator, who sees them all (the benchmark coordinator is the largest
organisation's).

The rows are those `services.journey_start` writes: one active journey per newcomer; tasks, kit
checks and reminders copied from the published version with each role resolved to the journey's
person (the manager is the newcomer's line manager; HR and IT stay unassigned, as when the
organisation names no contact); the introductions tour of the tutor, the line manager and up to
30 people of the newcomer's team; newcomer, tutor and colleague of the journey's organisation.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

NEWCOMER_SHARE = 0.05
KINDS = ("association", "agency", "public")
TEAM_INTRODUCTIONS = 30


def _phase(start: Any, today: Any) -> str:
    if start > today:
        return "prepare"
    return "welcome" if (today - start).days < 7 else "accompany"


def national_onboarding(world: Any) -> None:
    from entrepairs.demo.generator import BATCH_SIZE, _membership, _uuid
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Profession

    from .demo_templates import TEMPLATES, publish_demo_template
    from .models import Introduction, Journey, JourneyTask, KitCheck, Reminder
    from .models.choices import OwnerRole

    rng = random.Random(world.rng.getrandbits(64))
    rows = world.state["rows"]
    today = timezone.localdate()
    now = timezone.now()
    staff_by_org: dict[Any, list[Any]] = {}
    coordinators: dict[Any, Any] = {}
    teams: dict[Any, list[Any]] = {}
    for person in rows.people:
        if person.profession == Profession.COORDINATOR:
            coordinators.setdefault(person.organisation_id, person)
        if person.team_id:
            teams.setdefault(person.team_id, []).append(person)
        if person.team_id and person.email and person.profession != Profession.MANAGER:
            staff_by_org.setdefault(person.organisation_id, []).append(person)
    journeys: list[Any] = []
    tasks: list[Any] = []
    kits: list[Any] = []
    reminders: list[Any] = []
    introductions: list[Any] = []
    first_new_membership = len(rows.memberships)
    onboarding = [
        org
        for org in rows.organisations
        if org.kind in KINDS and org.pk in coordinators and len(staff_by_org.get(org.pk, [])) >= 3
    ]
    if not onboarding:
        return
    # The largest organisation's template is written through the templating services (its trail
    # audited); the others get a published copy of it, as template_draft copies a version.
    largest = world.organisations["largest"]
    source = publish_demo_template(
        largest, TEMPLATES["educator"], project_manager=coordinators[largest.pk]
    )
    versions = _published_copies(rng, source, onboarding, coordinators, skip=largest)
    versions[largest.pk] = source
    parts = {
        "tasks": list(source.tasks.all()),
        "kit": list(source.kit_items.all()),
        "reminders": list(source.reminders.all()),
    }
    for org in onboarding:
        staff = staff_by_org[org.pk]
        coordinator = coordinators[org.pk]
        count = max(1, round(len(staff) * NEWCOMER_SHARE))
        newcomers, veterans = staff[-count:], staff[:-count]
        version = versions[org.pk]
        for newcomer in newcomers:
            _membership(rows, rng, newcomer, org.pk, Role.NEWCOMER)
            mates = [p for p in teams.get(newcomer.team_id, []) if p.pk != newcomer.pk]
            others = [p for p in veterans if p.team_id != newcomer.team_id] or veterans
            tutor = rng.choice(others)
            colleague = next((p for p in mates if p in veterans), None)
            start = today + timedelta(days=rng.randint(-80, 20))
            journey = Journey(
                id=_uuid(rng),
                organisation_id=org.pk,
                newcomer_id=newcomer.pk,
                version=version,
                coordinator_id=coordinator.pk,
                tutor_id=tutor.pk,
                colleague_id=colleague.pk if colleague else None,
                start_date=start,
                phase=_phase(start, today),
            )
            journeys.append(journey)
            holders = {
                OwnerRole.TUTOR: tutor.pk,
                OwnerRole.REFERENT: tutor.pk,
                OwnerRole.NEWCOMER: newcomer.pk,
                OwnerRole.MANAGER: newcomer.line_manager_id,
                OwnerRole.COORDINATOR: coordinator.pk,
                OwnerRole.COLLEAGUE: colleague.pk if colleague else None,
            }
            for part in parts["tasks"]:
                due = start + timedelta(days=part.due_day)
                owner = holders.get(part.owner_role)
                done = due < today - timedelta(days=1) and rng.random() < 0.85
                tasks.append(
                    JourneyTask(
                        id=_uuid(rng),
                        journey=journey,
                        phase=part.phase,
                        title=part.title,
                        description=part.description,
                        owner_role=part.owner_role,
                        owner_id=owner,
                        start_date=start + timedelta(days=part.start_day),
                        due_date=due,
                        mandatory=part.mandatory,
                        topic=part.topic,
                        done_at=timezone.make_aware(datetime.combine(due, time(17, 0)))
                        if done
                        else None,
                        done_by_id=owner if done else None,
                    )
                )
            for item in parts["kit"]:
                kits.append(
                    KitCheck(
                        id=_uuid(rng),
                        journey=journey,
                        kind=item.kind,
                        label=item.label,
                        provider_role=item.provider_role,
                        provider_id=holders.get(item.provider_role),
                        ready_at=now if start <= today else None,
                    )
                )
            for reminder in parts["reminders"]:
                reminders.append(
                    Reminder(
                        id=_uuid(rng),
                        journey=journey,
                        due_date=start + timedelta(days=reminder.day),
                        message=reminder.message,
                        recipient_role=reminder.recipient_role,
                        recipient_id=holders.get(reminder.recipient_role),
                    )
                )
            tour = {tutor.pk: str(OwnerRole.TUTOR.label)}
            if newcomer.line_manager_id:
                tour.setdefault(newcomer.line_manager_id, str(OwnerRole.MANAGER.label))
            for mate in mates[:TEAM_INTRODUCTIONS]:
                tour.setdefault(mate.pk, gettext("Team"))
            introductions.extend(
                Introduction(id=_uuid(rng), journey=journey, person_id=pk, why=why)
                for pk, why in tour.items()
            )
    Membership.objects.bulk_create(rows.memberships[first_new_membership:], batch_size=BATCH_SIZE)
    Journey.objects.bulk_create(journeys, batch_size=BATCH_SIZE)
    for model, objects in (
        (JourneyTask, tasks),
        (KitCheck, kits),
        (Reminder, reminders),
        (Introduction, introductions),
    ):
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)  # type: ignore[attr-defined]
    world.counts.update(journeys=len(journeys), journey_tasks=len(tasks))
    world.log(f"  {len(journeys)} onboarding journeys, {len(tasks)} tasks")


def _published_copies(
    rng: random.Random, source: Any, organisations: list[Any], coordinators: dict, *, skip: Any
) -> dict[Any, Any]:
    """A published copy of `source` (its template, frames and every part) per organisation."""
    from entrepairs.demo.generator import BATCH_SIZE, _uuid

    from .models import Template, TemplateVersion
    from .templating import VERSION_PARTS

    template = source.template
    templates, versions = [], {}
    for org in organisations:
        if org.pk == skip.pk:
            continue
        copy = Template(
            id=_uuid(rng),
            organisation_id=org.pk,
            function=template.function,
            tutoring_type=template.tutoring_type,
            project_manager_id=coordinators[org.pk].pk,
        )
        templates.append(copy)
        versions[org.pk] = TemplateVersion(
            id=_uuid(rng),
            template=copy,
            number=1,
            published_at=source.published_at,
            objectives=source.objectives,
            organisational_frame=source.organisational_frame,
            didactic_frame=source.didactic_frame,
            scale=list(source.scale),
            tutor_hours_per_week=source.tutor_hours_per_week,
        )
    Template.objects.bulk_create(templates, batch_size=BATCH_SIZE)
    TemplateVersion.objects.bulk_create(list(versions.values()), batch_size=BATCH_SIZE)
    for model in VERSION_PARTS:
        manager = model._default_manager
        originals = list(manager.filter(version=source))
        manager.bulk_create(
            (
                model(version=version, **{f: getattr(part, f) for f in model.copy_fields})
                for version in versions.values()
                for part in originals
            ),
            batch_size=BATCH_SIZE,
        )
    return versions
