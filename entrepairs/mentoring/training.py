"""How mentoring takes part in training: a mentor is trained by their programmes' organisations,
and a completion refreshes their screening status (applied → screening → training → approved).
A programme requires its trainings of its mentors, and its staff trainings of the case workers
of the agencies it shares information with (issue 16 point 6): they see them on « Mes
formations » and enrol to their sessions, in whatever organisation the programme is."""

from typing import Any

from django.utils.translation import gettext as _

from entrepairs.core.services import SYSTEM
from entrepairs.people.models import Person
from entrepairs.training.models import TrainingCompletion


def _agencies_of(person: Person) -> Any:
    from entrepairs.organisations.models import Membership, Role

    return (
        Membership.objects.active()
        .filter(person=person, role=Role.CASE_WORKER)
        .values("organisation_id")
    )


def mentoring_organisations(person: Person) -> set[Any]:
    from .models import Mentor, SharingAgreement

    mentors = set(
        Mentor.objects.filter(person=person).values_list("programme__organisation_id", flat=True)
    )
    agreements = SharingAgreement.objects.filter(agency_id__in=_agencies_of(person))
    return mentors | set(agreements.values_list("organisation_id", flat=True))


def programme_requirements(person: Person) -> list[tuple[Any, str]]:
    """(module id, why): each training a programme requires of the person as its mentor, and
    each staff training it requires of its partner agencies' case workers. Two queries."""
    from entrepairs.training.models import TrainingModule

    from .models import Programme, SharingAgreement

    found: list[tuple[Any, str]] = []
    through = Programme.required_trainings.through
    for row in through.objects.filter(programme__mentors__person=person).values(
        "trainingmodule_id", "programme__name"
    ):
        found.append((row["trainingmodule_id"], _("Mentor — %s") % row["programme__name"]))
    partners = SharingAgreement.objects.filter(agency_id__in=_agencies_of(person)).values(
        "organisation_id"
    )
    for row in through.objects.filter(
        programme__organisation_id__in=partners,
        trainingmodule__audience=TrainingModule.Audience.STAFF,
    ).values("trainingmodule_id", "programme__name"):
        found.append((row["trainingmodule_id"], _("Case worker — %s") % row["programme__name"]))
    return found


def refresh_mentors(sender: Any, *, completion: TrainingCompletion, by: Any, **_: Any) -> None:
    from .models import Mentor
    from .services import mentor_refresh_status

    for mentor in Mentor.objects.filter(person_id=completion.person_id).select_related(
        "programme", "person"
    ):
        mentor_refresh_status(mentor, by=None if by is SYSTEM else by)


def connect() -> None:
    """Called once from MentoringConfig.ready."""
    from entrepairs.training.selectors import register_requirement_source, register_trainee_source
    from entrepairs.training.signals import completion_recorded

    register_trainee_source(mentoring_organisations)
    register_requirement_source(programme_requirements)
    completion_recorded.connect(refresh_mentors, dispatch_uid="mentoring-refresh-mentors")
