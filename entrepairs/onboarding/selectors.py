"""The onboarding reads that pages, the API, the dashboard, the booklet and reminders share.

Every read goes through the rules of rules.py: `*_for(viewer)` lists are already limited to what
the viewer may see, and `get_<thing>_for(user, id, action)` fetches one object the viewer sees
(404 otherwise) and checks the action's rule on it (403 otherwise) — the same answer on a page
and in the API (DRF turns Django's Http404 and PermissionDenied into its JSON errors).
"""

from typing import Any

from django.db.models import QuerySet

from entrepairs.core.permissions import id_q
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import Person

from .models import (
    ClosingReview,
    Journey,
    JourneyStatus,
    JourneyTask,
    OrgContact,
    OwnerRole,
    Template,
    TemplateVersion,
    TutorProfile,
)
from .rules import task_visible_q, template_visible_q

# What a journey's page, its booklet and its API detail show of the journey itself.
JOURNEY_RELATED = (
    "newcomer__line_manager",
    "tutor",
    "referent",
    "colleague",
    "coordinator",
    "version__template",
    "organisation",
)


def person_of(user: Any) -> Person | None:
    """The person acting (the `by=` of services), or None for an account with no person."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    cached = getattr(user, "_onboarding_person", None)
    if cached is None:
        cached = Person.objects.filter(pk=viewer.person_id).first()
        user._onboarding_person = cached
    return cached


def people_for(viewer: Viewer) -> QuerySet[Person]:
    """The people a viewer may name in onboarding (newcomer, tutor, contact...): the active people
    of their organisations. Whether one fits a journey is the service's rule."""
    return Person.objects.filter(
        organisation_id__in=viewer.organisation_ids, is_active=True
    ).order_by("last_name", "first_name")


def managed_organisations(viewer: Viewer) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=viewer.managed_orgs)


# -- journeys ---------------------------------------------------------------------------------


def journeys_for(user: Any) -> QuerySet[Journey]:
    return Journey.objects.visible_to(user)


def get_journey_for(user: Any, pk: Any, action: str = "view") -> Journey:
    """One journey the user sees, with the people its pages show; `action` names the rule
    (`onboarding.<action>_journey`, e.g. run, change, close, view_evaluations)."""
    journey = get_visible_or_404(journeys_for(user).select_related(*JOURNEY_RELATED), pk=pk)
    perm = action if "." in action else f"onboarding.{action}_journey"
    require(user, perm, journey)
    return journey


def tutoring(viewer: Viewer) -> QuerySet[Journey]:
    return (
        Journey.objects.active()
        .filter(id_q("tutor_id", viewer.person_id))
        .select_related("newcomer", "version__template")
    )


def own_journey(viewer: Viewer) -> Journey | None:
    """The newcomer's own journey, the running one first."""
    if viewer.person_id is None:
        return None
    return (
        Journey.objects.filter(newcomer_id=viewer.person_id)
        .select_related(
            "tutor", "referent", "coordinator", "newcomer__line_manager", "version__template"
        )
        .order_by("status", "-start_date")
        .first()
    )


def who_to_ask(journey: Journey) -> list[tuple[str, Person]]:
    """The journey's people and the organisation's contacts, each once per role (the newcomer's
    page, the booklet and the API's booklet)."""
    people: list[tuple[Any, Any]] = [
        (OwnerRole.TUTOR.label, journey.tutor),
        (OwnerRole.REFERENT.label, journey.referent),
        (OwnerRole.MANAGER.label, journey.newcomer.line_manager),
        (OwnerRole.COORDINATOR.label, journey.coordinator),
    ]
    for contact in OrgContact.objects.filter(
        organisation_id=journey.organisation_id
    ).select_related("person"):
        people.append((contact.get_role_display(), contact.person))
    seen: set = set()
    out = []
    for label, person in people:
        if person is not None and (label, person.pk) not in seen:
            seen.add((label, person.pk))
            out.append((str(label), person))
    return out


# -- tasks ------------------------------------------------------------------------------------


def tasks_for(viewer: Viewer) -> QuerySet[JourneyTask]:
    return JourneyTask.objects.filter(task_visible_q(viewer))


def get_task_for(user: Any, pk: Any, action: str = "change") -> JourneyTask:
    task = get_visible_or_404(
        tasks_for(viewer_for(user)).select_related("journey__newcomer"), pk=pk
    )
    require(user, f"onboarding.{action}_journeytask", task)
    return task


def owned_tasks(viewer: Viewer) -> QuerySet[JourneyTask]:
    """'My tasks': the tasks the viewer owns in running journeys."""
    return JourneyTask.objects.filter(
        id_q("owner_id", viewer.person_id), journey__status=JourneyStatus.ACTIVE
    )


# -- templates --------------------------------------------------------------------------------


def templates_for(viewer: Viewer) -> QuerySet[Template]:
    return Template.objects.filter(template_visible_q(viewer))


def get_version_for(user: Any, pk: Any, action: str = "change") -> TemplateVersion:
    version = get_visible_or_404(
        TemplateVersion.objects.filter(template__in=templates_for(viewer_for(user))).select_related(
            "template"
        ),
        pk=pk,
    )
    require(user, f"onboarding.{action}_templateversion", version)
    return version


# -- tutors, contacts, closing reviews ---------------------------------------------------------


def tutor_profiles_for(viewer: Viewer) -> QuerySet[TutorProfile]:
    return TutorProfile.objects.filter(
        person__organisation_id__in=viewer.managed_orgs
    ).select_related("person")


def org_contacts_for(viewer: Viewer) -> QuerySet[OrgContact]:
    return OrgContact.objects.filter(organisation_id__in=viewer.managed_orgs)


def get_contact_for(user: Any, pk: Any, action: str = "delete") -> OrgContact:
    contact = get_visible_or_404(org_contacts_for(viewer_for(user)), pk=pk)
    require(user, f"onboarding.{action}_orgcontact", contact)
    return contact


def reviews_to_read(viewer: Viewer) -> QuerySet[ClosingReview]:
    """Closing reviews of closed journeys of the organisations the viewer coordinates."""
    return ClosingReview.objects.filter(
        journey__organisation_id__in=viewer.managed_orgs, journey__status=JourneyStatus.CLOSED
    )


def get_review_for(user: Any, pk: Any) -> ClosingReview:
    review = get_visible_or_404(
        ClosingReview.objects.filter(
            journey__organisation_id__in=viewer_for(user).managed_orgs
        ).select_related("journey"),
        pk=pk,
    )
    require(user, "onboarding.review_process_feedback", review)
    return review
