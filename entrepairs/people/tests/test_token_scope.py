"""A token scoped to one organisation shows "me" and "my reports" only among that organisation's
people (issue 10), and never shares a cached list page with a session of the same person."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Role
from entrepairs.organisations.viewer import viewer_for

pytestmark = pytest.mark.django_db


def _ids(api: APIClient, url: str = "/api/v1/people/") -> set[str]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _session_api(who: Any) -> APIClient:
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


@pytest.fixture
def berthe(world):  # type: ignore[no-untyped-def]
    """Berthe's record belongs to B; she also works for A, and Colin (of A) reports to her."""
    Membership.objects.create(person=world.worker_b, organisation=world.org_a, role=Role.TUTOR)
    world.colleague.line_manager = world.worker_b
    world.colleague.save()
    return world.worker_b


def test_a_token_of_a_hides_the_person_s_own_record_of_b(world, berthe, api_for):
    api = api_for(berthe, organisation=world.org_a)
    assert str(berthe.pk) not in _ids(api)
    assert api.get(f"/api/v1/people/{berthe.pk}/").status_code == 404
    # Positive control: her report of A is A's data.
    assert str(world.colleague.pk) in _ids(api)
    assert api.get(f"/api/v1/people/{world.colleague.pk}/").status_code == 200


def test_a_token_of_b_hides_the_person_s_report_of_a(world, berthe, api_for):
    api = api_for(berthe, organisation=world.org_b)
    assert str(world.colleague.pk) not in _ids(api)
    assert api.get(f"/api/v1/people/{world.colleague.pk}/").status_code == 404
    assert str(berthe.pk) in _ids(api)
    assert api.get(f"/api/v1/people/{berthe.pk}/").status_code == 200


def test_a_session_sees_the_record_and_the_report(world, berthe):
    assert {str(berthe.pk), str(world.colleague.pk)} <= _ids(_session_api(berthe))


def test_a_scoped_token_never_reads_a_sessions_cached_page(world, api_for, settings):
    # Berthe's record is in B, her only role is in A: her session and her token of A hold the
    # same roles, yet only the session may list her own record.
    settings.LIST_CACHE_SECONDS = 60
    Membership.objects.filter(person=world.worker_b).delete()
    Membership.objects.create(person=world.worker_b, organisation=world.org_a, role=Role.TUTOR)
    session = _session_api(world.worker_b)
    assert str(world.worker_b.pk) in _ids(session)  # fills the cache
    assert str(world.worker_b.pk) not in _ids(api_for(world.worker_b, organisation=world.org_a))
    assert str(world.worker_b.pk) in _ids(session)


def test_the_scope_is_part_of_the_cache_key(world):
    # The coordinator holds roles in A only: scoped to A or not, the roles are the same.
    user = world.coordinator.user
    unscoped = viewer_for(user)
    del user._viewer
    user._token_scope = world.org_a.pk
    scoped = viewer_for(user)
    assert scoped.roles == unscoped.roles and scoped.scope == world.org_a.pk
    assert scoped.scope_key != unscoped.scope_key


def test_a_token_of_a_hides_an_import_the_person_started_in_b(world, berthe, api_for):
    from entrepairs.people.import_runs import ImportRun

    run = ImportRun.objects.create(
        organisation=world.org_b, created_by=berthe.user, filename="b.csv", rows=1
    )
    url = f"/api/v1/people/imports/{run.pk}/"
    assert api_for(berthe, organisation=world.org_a).get(url).status_code == 404
    assert api_for(berthe, organisation=world.org_b).get(url).status_code == 200
    assert _session_api(berthe).get(url).status_code == 200
