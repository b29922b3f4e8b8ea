"""Training of a side (issue 16 point 6): an internal staff module of the organisation that the
professional role requires (a requirement), with a coming session (its place is a marker), the
professional enrolled and their completion (on a day of its own: the marker of their own
compliance); and a coming session of the mentoring programme's required module (the world's
« Bases », required of the programme's mentors and, a staff training, of its partner agencies'
case workers), its place a marker."""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.utils import timezone

from entrepairs.core.services import SYSTEM

from .world import Side, marker

# The professional's completion day; the module is valid two years: « "expires_on":"2028-01-07" »
# is in their own list, their team's and their organisation's, nowhere else of the side.
COMPLETED_ON = datetime.date(2026, 1, 7)
EXPIRES_ON = datetime.date(2028, 1, 7)


def add_training(side: Side) -> None:
    from entrepairs.organisations.models import Role
    from entrepairs.training import services as training
    from entrepairs.training.models import RoleRequirement, TrainingModule

    P = side.people
    soon = timezone.localdate() + timedelta(days=14)
    module = training.module_save(
        module=TrainingModule(
            organisation=side.org,
            name=f"Ecoute active {side.tag}",
            audience=TrainingModule.Audience.STAFF,
            validity_months=24,
        ),
        staff_roles=[Role.PROFESSIONAL],
        by=SYSTEM,
    )
    requirement = RoleRequirement.objects.get(module=module, role=Role.PROFESSIONAL)
    session = training.session_schedule(
        module=module,
        held_on=soon,
        place=marker(side.tag, "trainingsession"),
        capacity=20,
        by=SYSTEM,
    )
    enrolment = training.session_enrol(session=session, person=P["professional"], by=SYSTEM)
    completion = training.completion_record(
        person=P["professional"], module=module, completed_on=COMPLETED_ON, by=SYSTEM
    )
    programme = side.objects["programme"]
    # « Bases », required of the programme's mentors; a staff training, so the programme requires
    # it of its partner agencies' case workers too (the fixture of programme_required).
    required = programme.required_trainings.get()
    TrainingModule.objects.filter(pk=required.pk).update(audience=TrainingModule.Audience.STAFF)
    programme_session = training.session_schedule(
        module=required, held_on=soon, place=marker(side.tag, "programmesession"), by=SYSTEM
    )
    side.objects.update(
        trainingmodule_staff=module,
        trainingrequirement=requirement,
        trainingsession=session,
        programmesession=programme_session,
        trainingenrolment=enrolment,
        trainingcompletion_own=completion,
        own_compliance=f'"expires_on":"{EXPIRES_ON.isoformat()}"',
        enrolled_name=str(P["professional"]),
    )
