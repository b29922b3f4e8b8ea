"""A token scoped to one organisation sees the groups of that organisation only, even those the
person facilitates or attends elsewhere (issue 10). A group co-owned by the token's organisation is
in scope; a signed-in session sees everything the person sees."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Role

from .. import services
from ..models import Session

pytestmark = pytest.mark.django_db


def _ids(api: APIClient, url: str) -> set[str]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _session_api(who: Any) -> APIClient:
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


@pytest.fixture
def two(gw):  # type: ignore[no-untyped-def]
    """The facilitator (roles in A and B) runs an A-only group, a B-only group and the co-owned
    supervision group; a worker of B who also works for A attends the B group."""
    w = gw.w
    only_a = services.group_create(
        organisation=w.org_a,
        name="Analyse Lille",
        kind="supervision",
        facilitators=[w.facilitator],
        created_by=w.coordinator,
    )
    only_b = services.group_create(
        organisation=w.org_b,
        name="Supervision Sud",
        kind="supervision",
        facilitators=[w.facilitator],
        created_by=w.coordinator_b,
    )
    Membership.objects.create(person=w.worker_b, organisation=w.org_a, role=Role.PROFESSIONAL)
    member_b = services.member_add(group=only_b, person=w.worker_b, by=w.facilitator)
    now = timezone.now()
    session_b = Session.objects.create(
        group=only_b,
        number=1,
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2) + timedelta(hours=2),
        is_founding=True,
    )
    note_b = services.note_add(session=session_b, author=w.facilitator, text="Notes", shared=True)
    gw.only_a, gw.only_b, gw.member_b, gw.session_b, gw.note_b = (
        only_a,
        only_b,
        member_b,
        session_b,
        note_b,
    )
    return gw


def test_a_token_of_a_shows_the_facilitator_no_group_of_b(two, api_for):
    w = two.w
    api = api_for(w.facilitator, organisation=w.org_a)
    listed = _ids(api, "/api/v1/groups/")
    assert {str(two.only_a.pk), str(two.group.pk)} <= listed  # A's own, and co-owned with B
    assert str(two.only_b.pk) not in listed
    assert api.get(f"/api/v1/groups/{two.only_b.pk}/").status_code == 404
    assert api.get(f"/api/v1/groups/{two.only_a.pk}/").status_code == 200
    assert str(two.session_b.pk) not in _ids(api, "/api/v1/groups/sessions/")
    assert api.get(f"/api/v1/groups/sessions/{two.session_b.pk}/").status_code == 404
    assert str(two.note_b.pk) not in _ids(api, "/api/v1/groups/notes/")
    assert api.get(f"/api/v1/groups/notes/{two.note_b.pk}/").status_code == 404
    assert str(two.member_b.pk) not in _ids(api, "/api/v1/groups/members/")


def test_a_token_of_b_shows_b_and_the_co_owned_group_not_a(two, api_for):
    w = two.w
    api = api_for(w.facilitator, organisation=w.org_b)
    listed = _ids(api, "/api/v1/groups/")
    assert {str(two.only_b.pk), str(two.group.pk)} <= listed
    assert str(two.only_a.pk) not in listed
    assert api.get(f"/api/v1/groups/{two.only_a.pk}/").status_code == 404
    assert str(two.note_b.pk) in _ids(api, "/api/v1/groups/notes/")
    assert str(two.session_b.pk) in _ids(api, "/api/v1/groups/sessions/")


def test_a_signed_in_session_sees_the_groups_of_both_organisations(two):
    api = _session_api(two.w.facilitator)
    listed = _ids(api, "/api/v1/groups/")
    assert {str(two.only_a.pk), str(two.only_b.pk), str(two.group.pk)} <= listed
    assert str(two.note_b.pk) in _ids(api, "/api/v1/groups/notes/")


def test_a_member_s_token_of_a_hides_the_group_they_attend_in_b(two, api_for):
    w = two.w
    scoped = api_for(w.worker_b, organisation=w.org_a)
    assert str(two.only_b.pk) not in _ids(scoped, "/api/v1/groups/")
    assert scoped.get(f"/api/v1/groups/{two.only_b.pk}/").status_code == 404
    assert str(two.member_b.pk) not in _ids(scoped, "/api/v1/groups/members/")
    # Positive controls: the same person's token of B and their session see it.
    assert str(two.only_b.pk) in _ids(api_for(w.worker_b, organisation=w.org_b), "/api/v1/groups/")
    assert str(two.only_b.pk) in _ids(_session_api(w.worker_b), "/api/v1/groups/")


def test_a_scoped_token_neither_lists_nor_makes_a_calendar_feed(two, api_for):
    # A feed lists the sessions of every organisation: only a session may make one.
    w = two.w
    scoped = api_for(w.facilitator, organisation=w.org_a)
    assert scoped.post("/api/v1/groups/calendar-feeds/", {"scope": "member"}).status_code == 403
    session = _session_api(w.facilitator)
    made = session.post("/api/v1/groups/calendar-feeds/", {"scope": "member"})
    assert made.status_code == 201, made.content
    assert made.json()["id"] in _ids(session, "/api/v1/groups/calendar-feeds/")
    assert _ids(scoped, "/api/v1/groups/calendar-feeds/") == set()
