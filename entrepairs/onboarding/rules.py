"""Who may see and do what in onboarding. Lists and details use the same rules (`*_q` / predicates).

- The coordinator (a managing role in the organisation) runs templates, tutors and journeys.
- A journey is seen by its newcomer, tutor, referent, the newcomer's line manager and the coordinator.
- Evaluations (observations, shadowing notes, feedback, closing review) are confidential to the
  newcomer, the tutor, the newcomer's line manager and the coordinator: not the referent, not
  other newcomers, not platform administrators.
- A task owner (an IT colleague with no other right) sees and ticks only the tasks they own; the
  coordinator ticks any task of the journey; nobody else does (`ticks_task`).
- A welcome-kit item is seen by its provider (IT, facilities: often another team) and ticked by
  them or the journey's coordinator (`can_tick_kit_item`, issue 14 point 5).
"""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.models import Role
from entrepairs.organisations.viewer import Viewer, viewer_for


def _nothing() -> Q:
    return Q(pk__in=[])


def journey_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    if not viewer.is_authenticated:
        return _nothing()
    pid = viewer.person_id
    q = Q(**{f"{prefix}organisation_id__in": viewer.managed_orgs})
    if pid:
        q |= (
            Q(**{f"{prefix}newcomer_id": pid})
            | Q(**{f"{prefix}tutor_id": pid})
            | Q(**{f"{prefix}referent_id": pid})
            | Q(**{f"{prefix}newcomer__line_manager_id": pid})
        ) & viewer.scope_q(f"{prefix}organisation_id")
    return q


def evaluation_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    if not viewer.is_authenticated:
        return _nothing()
    pid = viewer.person_id
    q = Q(**{f"{prefix}organisation_id__in": viewer.managed_orgs})
    if pid:
        q |= (
            Q(**{f"{prefix}newcomer_id": pid})
            | Q(**{f"{prefix}tutor_id": pid})
            | Q(**{f"{prefix}newcomer__line_manager_id": pid})
        ) & viewer.scope_q(f"{prefix}organisation_id")
    return q


def task_visible_q(viewer: Viewer) -> Q:
    q = journey_visible_q(viewer, prefix="journey__")
    if viewer.person_id:
        q |= Q(owner_id=viewer.person_id) & viewer.scope_q("journey__organisation_id")
    return q


def kit_item_visible_q(viewer: Viewer) -> Q:
    """Kit items of journeys the viewer sees, and those they provide (a filter on KitCheck)."""
    q = journey_visible_q(viewer, prefix="journey__")
    if viewer.person_id:
        q |= Q(provider_id=viewer.person_id) & viewer.scope_q("journey__organisation_id")
    return q


def template_visible_q(viewer: Viewer) -> Q:
    return Q(organisation_id__in=viewer.managed_orgs)


def org_contact_visible_q(viewer: Viewer) -> Q:
    return Q(organisation_id__in=viewer.managed_orgs)


def tutor_profile_visible_q(viewer: Viewer) -> Q:
    """Tutor profiles are the coordinator's: a tutor does not see even their own."""
    return Q(person__organisation_id__in=viewer.managed_orgs)


def process_feedback_q(viewer: Viewer) -> Q:
    """Closing reviews whose process feedback the viewer reads: their organisations' (a filter
    on ClosingReview)."""
    return Q(journey__organisation_id__in=viewer.managed_orgs)


def coordinated_org_ids(viewer: Viewer) -> set[Any]:
    """The organisations whose onboarding the viewer coordinates (templates, tutors, journeys)."""
    return viewer.managed_orgs


def coordinator_membership_q(organisation_ids: Any) -> Q:
    """The memberships (a filter on organisations' Membership) of the coordinators told about
    late tasks of these organisations."""
    return Q(organisation_id__in=organisation_ids, role=Role.COORDINATOR)


def _journey_of(obj: Any) -> Any:
    # A journey, or a record of a journey (task, kit, evaluation...); a probe stands for a new one.
    return obj.journey if hasattr(obj, "journey_id") else obj


def _mine(viewer: Viewer, journey: Any, *person_ids: Any) -> bool:
    """The viewer is one of these people of the journey, in the token's organisation."""
    pid = viewer.person_id
    return pid is not None and pid in person_ids and viewer.in_scope(journey.organisation_id)


def is_coordinator_of(viewer: Viewer, organisation_id: Any) -> bool:
    return viewer.manages(organisation_id)


@rules.predicate
def manages_org(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return bool(viewer.managed_orgs)
    return viewer.manages(obj.organisation_id)


@rules.predicate
def can_view_journey(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    j = _journey_of(obj)
    return viewer.manages(j.organisation_id) or _mine(
        viewer, j, j.newcomer_id, j.tutor_id, j.referent_id, j.newcomer.line_manager_id
    )


@rules.predicate
def can_run_journey(user: Any, obj: Any) -> bool:
    """Day-to-day running: kit, checklist, introductions, first lunch, shadowing, phase."""
    viewer = viewer_for(user)
    if obj is None:
        return bool(viewer.managed_orgs) or viewer.person_id is not None
    j = _journey_of(obj)
    return viewer.manages(j.organisation_id) or _mine(viewer, j, j.tutor_id, j.referent_id)


@rules.predicate
def can_view_evaluations(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    j = _journey_of(obj)
    return viewer.manages(j.organisation_id) or _mine(
        viewer, j, j.newcomer_id, j.tutor_id, j.newcomer.line_manager_id
    )


@rules.predicate
def can_evaluate(user: Any, obj: Any) -> bool:
    """Tutor observations and feedback: the tutor and the coordinator."""
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    j = _journey_of(obj)
    return viewer.manages(j.organisation_id) or _mine(viewer, j, j.tutor_id)


@rules.predicate
def can_give_feedback(user: Any, obj: Any) -> bool:
    """Feedback entries: the tutor, the coordinator and the newcomer's manager."""
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    j = _journey_of(obj)
    return viewer.manages(j.organisation_id) or _mine(
        viewer, j, j.tutor_id, j.newcomer.line_manager_id
    )


@rules.predicate
def is_the_newcomer(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    j = _journey_of(obj)
    return _mine(viewer, j, j.newcomer_id)


@rules.predicate
def can_manage_journey(user: Any, obj: Any) -> bool:
    """Start, name the tutor, close: the coordinator."""
    viewer = viewer_for(user)
    if obj is None:
        return bool(viewer.managed_orgs)
    return viewer.manages(_journey_of(obj).organisation_id)


@rules.predicate
def can_view_task(user: Any, task: Any) -> bool:
    viewer = viewer_for(user)
    if task is None:
        return viewer.is_authenticated
    return _mine(viewer, task.journey, task.owner_id) or can_view_journey(user, task.journey)


def ticks_task(viewer: Viewer, task: Any) -> bool:
    """A task is ticked by its owner or by the journey's coordinator (who runs the journey). The
    tutor and the referent tick the tasks they own (the tutor's and referent's roles resolve to
    them), not the manager's, HR's, IT's or the newcomer's (docs/onboarding.md, "Who ticks a
    task"; docs/access-expected.md 15)."""
    journey = task.journey
    return viewer.manages(journey.organisation_id) or _mine(viewer, journey, task.owner_id)


def can_tick_kit_item(viewer: Viewer, item: Any) -> bool:
    """A welcome-kit item is marked ready by the person who provides it (IT, facilities, often of
    another team) or by the journey's coordinator (the one named on the journey, or a coordinator
    of its organisation, who also marks unassigned items); nobody else (issue 14 point 5). The
    tutor does not tick IT's or HR's items: docs/access-expected.md 15 ("tutors and managers do
    not tick other owners' items, the coordinator may"). The page, the API and the signed link
    e-mailed to a provider without an account all ask this rule."""
    journey = item.journey
    if viewer.manages(journey.organisation_id):
        return True
    people = [pid for pid in (item.provider_id, journey.coordinator_id) if pid]
    return _mine(viewer, journey, *people)


@rules.predicate
def may_tick_kit_item(user: Any, item: Any) -> bool:
    viewer = viewer_for(user)
    if item is None:
        return viewer.is_authenticated
    return can_tick_kit_item(viewer, item)


@rules.predicate
def can_view_kit_item(user: Any, item: Any) -> bool:
    """Its provider sees the item (not the rest of the journey); so do the journey's people."""
    viewer = viewer_for(user)
    if item is None:
        return viewer.is_authenticated
    return _mine(viewer, item.journey, item.provider_id) or can_view_journey(user, item.journey)


@rules.predicate
def can_do_task(user: Any, task: Any) -> bool:
    viewer = viewer_for(user)
    if task is None:
        return viewer.is_authenticated
    return ticks_task(viewer, task)


# Templates, their parts, contacts and tutor profiles: the coordinator of the organisation.
for name in (
    "template",
    "templateversion",
    "templatetask",
    "kititem",
    "competency",
    "support",
    "templatereminder",
    "orgcontact",
    "tutorprofile",
):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"onboarding.{action}_{name}", manages_org)

rules.add_perm("onboarding.view_journey", can_view_journey)
rules.add_perm("onboarding.add_journey", can_manage_journey)
rules.add_perm("onboarding.change_journey", can_manage_journey)
rules.add_perm("onboarding.delete_journey", can_manage_journey)
rules.add_perm("onboarding.run_journey", can_run_journey)
rules.add_perm("onboarding.close_journey", can_manage_journey | can_evaluate)
rules.add_perm("onboarding.view_evaluations", can_view_evaluations)
rules.add_perm("onboarding.evaluate_journey", can_evaluate)
rules.add_perm("onboarding.self_assess_journey", is_the_newcomer & can_view_journey)
rules.add_perm("onboarding.give_feedback_journey", can_give_feedback)
# The closing review: the newcomer writes their part, the tutor and the coordinator theirs.
rules.add_perm(
    "onboarding.write_review_journey",
    (is_the_newcomer & can_view_journey) | can_manage_journey | can_evaluate,
)
rules.add_perm("onboarding.view_journeytask", can_view_task)
rules.add_perm("onboarding.change_journeytask", can_do_task)
for name in ("introduction", "reminder"):
    rules.add_perm(f"onboarding.view_{name}", can_view_journey)
rules.add_perm("onboarding.view_kitcheck", can_view_kit_item)
for name in ("introduction", "reminder"):
    rules.add_perm(f"onboarding.change_{name}", can_run_journey)
rules.add_perm("onboarding.change_kitcheck", may_tick_kit_item)
for name in ("competencyobservation", "shadowingsession", "feedbackentry", "closingreview"):
    rules.add_perm(f"onboarding.view_{name}", can_view_evaluations)
rules.add_perm("onboarding.add_shadowingsession", can_run_journey & can_view_evaluations)
rules.add_perm("onboarding.review_process_feedback", manages_org)
rules.add_perm("onboarding.add_competencyobservation", can_evaluate | is_the_newcomer)
rules.add_perm("onboarding.add_feedbackentry", can_give_feedback)
