"""A token scoped to one organisation does not carry a mentor into another organisation's
programme: the match and the mentor record of programme A are out of a token of B (issue 10).
The same person's token of A and their session see them."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Role

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
def mentor_of_two(mworld, active_match):  # type: ignore[no-untyped-def]
    """The mentor of programme A (organisation A) also works for organisation B."""
    person = mworld.mentor.person
    assert mworld.programme.organisation_id == mworld.world.org_a.pk
    for org, role in ((mworld.world.org_a, Role.MENTOR), (mworld.world.org_b, Role.PROFESSIONAL)):
        Membership.objects.get_or_create(person=person, organisation=org, role=role)
    return person


def test_a_token_of_b_hides_the_mentor_s_match_and_record_of_programme_a(
    mworld, active_match, mentor_of_two, api_for
):
    api = api_for(mentor_of_two, organisation=mworld.world.org_b)
    assert str(active_match.pk) not in _ids(api, "/api/v1/mentoring/matches/")
    assert api.get(f"/api/v1/mentoring/matches/{active_match.pk}/").status_code == 404
    assert str(mworld.mentor.pk) not in _ids(api, "/api/v1/mentoring/mentors/")
    assert api.get(f"/api/v1/mentoring/mentors/{mworld.mentor.pk}/").status_code == 404


def test_a_token_of_a_and_a_session_show_the_mentor_their_match(
    mworld, active_match, mentor_of_two, api_for
):
    for api in (
        api_for(mentor_of_two, organisation=mworld.world.org_a),
        _session_api(mentor_of_two),
    ):
        assert str(active_match.pk) in _ids(api, "/api/v1/mentoring/matches/")
        assert api.get(f"/api/v1/mentoring/matches/{active_match.pk}/").status_code == 200
        assert str(mworld.mentor.pk) in _ids(api, "/api/v1/mentoring/mentors/")
        assert api.get(f"/api/v1/mentoring/mentors/{mworld.mentor.pk}/").status_code == 200
