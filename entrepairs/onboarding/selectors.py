"""The onboarding reads that pages, the API, the dashboard, the booklet and reminders share.

Every read goes through the rules of rules.py: `*_for(viewer)` lists are already limited to what
the viewer may see, and `get_<thing>_for(user, id, action)` fetches one object the viewer sees
(404 otherwise) and checks the action's rule on it (403 otherwise) — the same answer on a page
and in the API (DRF turns Django's Http404 and PermissionDenied into its JSON errors).
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from entrepairs.core.audit import record_refusal
from entrepairs.core.permissions import check, id_q
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person

from .models import (
    ClosingReview,
    Introduction,
    Journey,
    JourneyStatus,
    JourneyTask,
    KitCheck,
    ObservationSource,
    OrgContact,
    OwnerRole,
    Template,
    TemplateVersion,
    TutorProfile,
)
from .rules import (
    journey_visible_q,
    kit_item_visible_q,
    org_contact_visible_q,
    process_feedback_q,
    task_visible_q,
    template_visible_q,
    tutor_profile_visible_q,
)

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


@picker.source("onboarding.people")
def people_for(viewer: Viewer) -> QuerySet[Person]:
    """The people a viewer may name in onboarding (newcomer, tutor, contact...): the active people
    of their organisations, never a person served (a youth, a guardian, a casework child: staff
    fields name staff). Whether one fits a journey is the service's rule."""
    return (
        Person.objects.filter(
            organisation_id__in=viewer_for(viewer).organisation_ids, is_active=True
        )
        .filter(~served_q())
        .order_by("last_name", "first_name")
    )


def managed_organisations(viewer: Viewer) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=viewer.managed_orgs)


def get_coordinated_organisation_for(user: Any, pk: Any = None) -> Organisation:
    """An organisation whose onboarding the user coordinates (tutors, contacts); without `pk`,
    the first of them. 404 for any other, and for someone who coordinates none."""
    organisations = managed_organisations(viewer_for(user)).order_by("pk")
    if pk is None:
        first = organisations.first()
        if first is None:
            raise Http404
        return first
    return get_visible_or_404(organisations, pk=pk)


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


def _journey_part_for(model: Any, user: Any, pk: Any, action: str, journey: Any) -> Any:
    records = model.objects.filter(journey_visible_q(viewer_for(user), prefix="journey__"))
    if journey is not None:
        records = records.filter(journey=journey)
    record = get_visible_or_404(records.select_related("journey__newcomer"), pk=pk)
    require(user, f"onboarding.{action}_{model._meta.model_name}", record)
    return record


def kit_items_for(viewer: Viewer) -> QuerySet[KitCheck]:
    return KitCheck.objects.filter(kit_item_visible_q(viewer))


def kit_refusal(item: KitCheck) -> str:
    """Why a tick is refused and who may tick instead (rules.can_tick_kit_item), by name."""
    coordinator = item.journey.coordinator
    names = {
        "provider": item.provider or _("not named yet"),
        "coordinator": coordinator or _("a coordinator of the organisation"),
    }
    return (
        _(
            "Only the person who provides this item (%(provider)s) or the journey's coordinator "
            "(%(coordinator)s) marks it ready: ask them, they see it in their tasks."
        )
        % names
    )


def get_kit_check_for(user: Any, pk: Any, action: str = "change", journey: Any = None) -> KitCheck:
    """A kit item the user sees (its provider, or the journey's people; 404 otherwise; `journey`
    narrows to the page's journey); `action` names the rule (`onboarding.<action>_kitcheck`, 403
    otherwise). A refused tick is written to the audit trail (issue 14: the attempt is kept)."""
    items = kit_items_for(viewer_for(user)).select_related("journey__newcomer")
    if journey is not None:
        items = items.filter(journey=journey)
    item: KitCheck = get_visible_or_404(items, pk=pk)
    try:
        require(user, f"onboarding.{action}_kitcheck", item)
    except PermissionDenied:
        if action != "view":
            record_refusal(
                KitCheck,
                item.pk,
                action=f"kit_{action}",
                actor=user,
                organisation_id=item.journey.organisation_id,
                detail={"rule": "can_tick_kit_item"},
            )
            raise PermissionDenied(kit_refusal(item)) from None
        raise
    return item


def provided_kit_items(viewer: Viewer) -> QuerySet[KitCheck]:
    """'My tasks': the welcome-kit items the viewer provides in running journeys."""
    return KitCheck.objects.filter(
        id_q("provider_id", viewer.person_id),
        viewer.scope_q("journey__organisation_id"),
        journey__status=JourneyStatus.ACTIVE,
    )


def get_introduction_for(
    user: Any, pk: Any, action: str = "change", journey: Any = None
) -> Introduction:
    intro: Introduction = _journey_part_for(Introduction, user, pk, action, journey)
    return intro


def observation_source_for(user: Any, journey: Journey, asked: str | None = None) -> str:
    """Who an observation is from follows from who writes it: the tutor's (or coordinator's)
    observation, or the newcomer's self-assessment. `asked` is the source a form asked for;
    PermissionDenied when the user may write neither (or not the one asked)."""
    if asked == ObservationSource.SELF:
        if check(user, "onboarding.self_assess_journey", journey):
            return ObservationSource.SELF
    elif check(user, "onboarding.evaluate_journey", journey):
        return ObservationSource.TUTOR
    elif asked is None and check(user, "onboarding.self_assess_journey", journey):
        return ObservationSource.SELF
    raise PermissionDenied


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


def next_task(journey: Journey) -> JourneyTask | None:
    """The newcomer's next step: the journey's first task not done, the most overdue first, then
    the next one due (the home page's "what do I do today" and the newcomer's page agree)."""
    return journey.tasks.open().select_related("owner").order_by("due_date", "title").first()


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


@dataclass
class PersonToKnow:
    """One person of a newcomer's journey with every role they hold in it, listed together."""

    person: Person
    roles: list[str] = field(default_factory=list)

    @property
    def roles_text(self) -> str:
        return ", ".join(self.roles)


def people_to_know(journey: Journey, *, introductions: bool = True) -> list[PersonToKnow]:
    """Who to ask (the newcomer's page) and the booklet's "people to know": the journey's people,
    the organisation's contacts and (for the booklet) the introductions tour, each person once
    with their roles together (issue 14: someone both tutor and referent, or IT contact and on
    the tour, was listed twice). The newcomer is not listed."""
    found: dict[Any, PersonToKnow] = {}

    def add(label: Any, person: Person | None) -> None:
        if person is None or person.pk == journey.newcomer_id:
            return
        entry = found.setdefault(person.pk, PersonToKnow(person=person))
        if str(label) and str(label) not in entry.roles:
            entry.roles.append(str(label))

    for label, person in who_to_ask(journey):
        add(label, person)
    if introductions:
        # A tour stop's role was written when the journey started; the people above already
        # carry theirs, so the tour only adds the others (the team...).
        for intro in journey.introductions.select_related("person"):
            if intro.person_id not in found:
                add(intro.why or _("Team"), intro.person)
    return list(found.values())


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


def templates_with_counts(viewer: Viewer) -> QuerySet[Template]:
    """The template list's figures, in one query: every version, the published ones, and the
    running journeys. Each count is distinct: two joins from one template (versions, and the
    journeys of those versions) multiply each other's rows otherwise (issue 14: the list showed
    a template with 2 published versions and 3 running journeys as 4 published versions)."""
    return templates_for(viewer).annotate(
        version_count=Count("versions", distinct=True),
        published=Count("versions", filter=Q(versions__published_at__isnull=False), distinct=True),
        running=Count(
            "versions__journeys",
            filter=Q(versions__journeys__status=JourneyStatus.ACTIVE),
            distinct=True,
        ),
    )


def get_template_for(user: Any, pk: Any, action: str = "view") -> Template:
    template = get_visible_or_404(
        templates_for(viewer_for(user)).select_related("organisation"), pk=pk
    )
    require(user, f"onboarding.{action}_template", template)
    return template


def versions_for(viewer: Viewer) -> QuerySet[TemplateVersion]:
    return TemplateVersion.objects.filter(template__in=templates_for(viewer))


def version_parts_for(viewer: Viewer, model: Any) -> QuerySet[Any]:
    """The lines of one kind (task, kit item, competency...) of the versions the viewer sees."""
    parts: QuerySet[Any] = model._default_manager.filter(
        version__template__in=templates_for(viewer)
    )
    return parts


def get_version_for(user: Any, pk: Any, action: str = "change") -> TemplateVersion:
    version = get_visible_or_404(versions_for(viewer_for(user)).select_related("template"), pk=pk)
    require(user, f"onboarding.{action}_templateversion", version)
    return version


def get_version_part_for(
    user: Any, model: Any, pk: Any, action: str = "delete", version: Any = None
) -> Any:
    """A line (task, kit item, competency, support, reminder) of a template version the user
    sees; `version` narrows to the page's version."""
    parts = version_parts_for(viewer_for(user), model).select_related("version__template")
    if version is not None:
        parts = parts.filter(version=version)
    part = get_visible_or_404(parts, pk=pk)
    require(user, f"onboarding.{action}_{model._meta.model_name}", part)
    return part


# -- tutors, contacts, closing reviews ---------------------------------------------------------


def tutor_profiles_for(viewer: Viewer) -> QuerySet[TutorProfile]:
    return TutorProfile.objects.filter(tutor_profile_visible_q(viewer)).select_related("person")


def org_contacts_for(viewer: Viewer) -> QuerySet[OrgContact]:
    return OrgContact.objects.filter(org_contact_visible_q(viewer))


def get_contact_for(user: Any, pk: Any, action: str = "delete") -> OrgContact:
    contact = get_visible_or_404(org_contacts_for(viewer_for(user)), pk=pk)
    require(user, f"onboarding.{action}_orgcontact", contact)
    return contact


def reviews_to_read(viewer: Viewer) -> QuerySet[ClosingReview]:
    """Closing reviews of closed journeys of the organisations the viewer coordinates."""
    return ClosingReview.objects.filter(
        process_feedback_q(viewer), journey__status=JourneyStatus.CLOSED
    )


def get_tutor_profile_for(user: Any, pk: Any, action: str = "change") -> TutorProfile:
    profile = get_visible_or_404(tutor_profiles_for(viewer_for(user)), pk=pk)
    require(user, f"onboarding.{action}_tutorprofile", profile)
    return profile


def get_review_for(
    user: Any, pk: Any, action: str = "onboarding.review_process_feedback"
) -> ClosingReview:
    """A closing review the user sees (the journey's newcomer, tutor, manager and coordinator;
    404 otherwise); marking it reviewed is the coordinator's (403 for the others)."""
    review = get_visible_or_404(
        ClosingReview.objects.visible_to(user).select_related("journey"), pk=pk
    )
    require(user, action if "." in action else f"onboarding.{action}_closingreview", review)
    return review
