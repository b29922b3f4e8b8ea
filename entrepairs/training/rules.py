"""Who may see and manage training: the coordinators of the module's organisation.

Everyone reads their own completions; nobody else's outside the organisations they manage."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.viewer import Viewer, viewer_for


def managed_orgs(viewer: Viewer) -> set:
    """The organisations whose training the viewer runs (coordinators, administrators)."""
    return viewer.managed_orgs


def manages(viewer: Viewer, organisation_id: Any) -> bool:
    return organisation_id in managed_orgs(viewer)


def module_visible_q(viewer: Viewer) -> Q:
    return Q(organisation_id__in=managed_orgs(viewer))


def session_visible_q(viewer: Viewer) -> Q:
    return Q(module__organisation_id__in=managed_orgs(viewer))


def requirement_visible_q(viewer: Viewer) -> Q:
    return Q(module__organisation_id__in=managed_orgs(viewer))


def completion_visible_q(viewer: Viewer) -> Q:
    own = Q(person_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    return Q(module__organisation_id__in=managed_orgs(viewer)) | own


def _organisation_of(obj: Any) -> Any:
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    return obj.module.organisation_id


@rules.predicate
def runs_training(user: Any, obj: Any) -> bool:
    """Without an object: runs the training of some organisation; with one: of its organisation."""
    viewer = viewer_for(user)
    if obj is None:
        return bool(managed_orgs(viewer))
    return manages(viewer, _organisation_of(obj))


for _model in ("trainingmodule", "trainingsession", "rolerequirement", "trainingcompletion"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"training.{_action}_{_model}", runs_training)
