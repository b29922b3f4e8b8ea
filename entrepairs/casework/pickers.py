"""The person pickers of casework pages (people.picker): whom each form suggests, from the same
selectors the pages used, for a core team, case, decision or leave the viewer may see (404
otherwise, 403 where they see it but may not act). The forms accept anyone of the organisation
(`organisation_people`) so the services say who is refused and why, as in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from entrepairs.core.permissions import check
from entrepairs.core.views import require
from entrepairs.people import picker
from entrepairs.people.models import Person

from . import selectors


def organisation_people(organisation_id: Any) -> QuerySet[Person]:
    """What a casework form accepts: anyone of the organisation (an id of another organisation
    answers as unknown); the service decides who fits."""
    return Person.objects.filter(organisation_id=organisation_id)


def team_members(team_id: Any) -> QuerySet[Person]:
    """The active members of a core team: the guardians, action owners and meeting attendees a
    page suggests."""
    return Person.objects.filter(team_id=team_id, is_active=True).order_by(
        "last_name", "first_name"
    )


def auditor_candidates(organisation_id: Any) -> QuerySet[Person]:
    """Who may audit: the organisation's active people with an account."""
    return Person.objects.filter(
        organisation_id=organisation_id, is_active=True, user__isnull=False
    ).order_by("last_name", "first_name")


@picker.source("casework.team_members")
def team_members_to_pick(user: Any, team: Any) -> QuerySet[Person]:
    return team_members(selectors.get_core_team_for(user, team).pk)


@picker.source("casework.children")
def children_to_pick(user: Any, team: Any) -> QuerySet[Person]:
    found = selectors.get_core_team_for(user, team)
    require(user, "casework.add_case", found)
    return selectors.children_without_case(found)


@picker.source("casework.auditors")
def auditors_to_pick(user: Any, team: Any) -> QuerySet[Person]:
    found = selectors.get_core_team_for(user, team)
    require(user, "casework.add_audit", found)
    return auditor_candidates(found.organisation_id)


@picker.source("casework.experts")
def experts_to_pick(user: Any, decision: Any) -> QuerySet[Person]:
    found = selectors.get_decision_for(user, decision)
    if not check(user, "casework.change_decision", found):
        return Person.objects.none()  # the page offers no request form to them
    return selectors.experts_of(found.organisation_id)


def replacement_candidates(leave: Any) -> QuerySet[Person]:
    """The colleagues a leave's cover plan may name (selectors.leave_cover_view)."""
    view = selectors.leave_cover_view(leave)
    return Person.objects.filter(pk__in=[p.pk for p in view.candidates]).order_by(
        "last_name", "first_name"
    )


@picker.source("casework.replacements")
def replacements_to_pick(user: Any, leave: Any) -> QuerySet[Person]:
    return replacement_candidates(selectors.get_leave_for(user, leave))
