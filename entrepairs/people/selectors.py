"""Reads about people shared by pages, the API, exports, commands and the dashboard.

`get_<thing>_for(user, id, action)` fetches one record the way every channel must: a person the
user may not see is missing (404), one they see but may not act on is refused (403)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404

from .models import ImportRun, Person, PersonQuerySet


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
