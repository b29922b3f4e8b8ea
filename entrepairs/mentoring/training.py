"""How mentoring takes part in training: a mentor is trained by their programmes' organisations,
and a completion refreshes their screening status (applied → screening → training → approved)."""

from typing import Any

from entrepairs.core.services import SYSTEM
from entrepairs.people.models import Person
from entrepairs.training.models import TrainingCompletion


def mentoring_organisations(person: Person) -> set[Any]:
    from .models import Mentor

    return set(
        Mentor.objects.filter(person=person).values_list("programme__organisation_id", flat=True)
    )


def refresh_mentors(sender: Any, *, completion: TrainingCompletion, by: Any, **_: Any) -> None:
    from .models import Mentor
    from .services import mentor_refresh_status

    for mentor in Mentor.objects.filter(person_id=completion.person_id).select_related(
        "programme", "person"
    ):
        mentor_refresh_status(mentor, by=None if by is SYSTEM else by)


def connect() -> None:
    """Called once from MentoringConfig.ready."""
    from entrepairs.training.selectors import register_trainee_source
    from entrepairs.training.signals import completion_recorded

    register_trainee_source(mentoring_organisations)
    completion_recorded.connect(refresh_mentors, dispatch_uid="mentoring-refresh-mentors")
