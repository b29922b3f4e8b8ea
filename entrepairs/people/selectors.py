"""Reads about people shared by pages, the API, exports, commands and the dashboard.

`get_<thing>_for(user, id, action)` fetches one record the way every channel must: a person the
user may not see is missing (404), one they see but may not act on is refused (403)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.viewer import viewer_for

from . import picker
from .models import ImportRun, Person, PersonQuerySet


def acting_person(user: Any) -> Person | None:
    """The person a signed-in user acts as (the author of what they write), or None for an
    account with no person (a platform administrator)."""
    viewer = viewer_for(user)
    return Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None


def people_visible_to(user: Any) -> PersonQuerySet:
    return Person.objects.visible_to(user)


def exportable_people(
    user: Any, *, q: str = "", organisation: Any = None, team: Any = None, profession: str = ""
) -> PersonQuerySet:
    """People the user may both see and manage, narrowed by the list's filters."""
    return (
        Person.objects.visible_to(user)
        .exportable_by(user)
        .search(q=q, organisation=organisation, team=team, profession=profession)
    )


def get_person_for(user: Any, person_id: Any, action: str = "view") -> Person:
    """`action` is view, change or delete (the `people.<action>_person` rules)."""
    person: Person = get_visible_or_404(people_visible_to(user), pk=person_id)
    if action != "view" and not check(user, f"people.{action}_person", person):
        raise PermissionDenied
    return person


def get_import_run_for(user: Any, run_id: Any) -> ImportRun:
    """A background import: its author's and its organisation's managers' alone (else 404)."""
    run = ImportRun.objects.select_related("organisation", "created_by").filter(pk=run_id).first()
    if run is None or not check(user, "people.view_importrun", run):
        raise Http404
    return run


def organisations_managed_by(user: Any) -> Any:
    """The organisations whose people the user may write (the forms' organisation choices)."""
    from entrepairs.organisations.models import Organisation
    from entrepairs.organisations.viewer import viewer_for

    from .rules import runnable_organisations_q

    return Organisation.objects.filter(runnable_organisations_q(viewer_for(user)))


def organisations_to_filter(user: Any) -> Any:
    """The organisations the people list offers as a filter: the viewer's own (all of them for
    the platform administrator)."""
    from entrepairs.organisations.models import Organisation
    from entrepairs.organisations.viewer import viewer_for

    viewer = viewer_for(user)
    if viewer.is_platform_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=viewer.organisation_ids)


def line_manager_candidates(organisations: Any, person: Person | None = None) -> Any:
    """Who may be named line manager on the person form: the people of the organisations the user
    writes for, never the person themselves (Person.clean checks the same organisation and
    refuses oneself, from every channel), never a person served (a youth, a guardian, a casework
    child: nobody's line manager)."""
    managers = Person.objects.filter(organisation__in=organisations).filter(~served_q())
    return managers.exclude(pk=person.pk) if person is not None else managers


@picker.source("people.line_managers")
def line_managers_to_pick(user: Any, person: Any = None) -> Any:
    """The line-manager picker of the person form: of a new person, or of one the user may
    change (404/403 as its page)."""
    found = get_person_for(user, person, "change") if person is not None else None
    if found is None and not check(user, "people.add_person"):
        raise PermissionDenied
    return line_manager_candidates(organisations_managed_by(user), found)
