"""A platform admin's token scoped to one organisation (no person record): issue 10 problem 3 was
"whose line manager is me" matching every person without a manager when "me" is empty. The same
shape appears in the attendance rules, so the scoped token is probed on the attendance API with
the rows of the twin organisation X (the colleague's row: a member without a line manager).
Expected from docs/access-expected.yaml: platform_admin → Attendance deny_404; another
organisation's rows are never visible through a token scoped to A."""

import pytest

# Cells of the matrix beyond its grid (expected from the same table), on the matrix's world (about
# half a minute to build): run once, on PostgreSQL, with the matrix (DECISIONS.md; bin/test).
pytestmark = pytest.mark.once


@pytest.fixture
def scoped_api(access_world, db):  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    from entrepairs.accounts.models import AccessToken

    _, secret = AccessToken.issue(
        user=access_world.admin, organisation=access_world.a.org, name="t"
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return api


def test_it_lets_a_scoped_admin_token_list_no_attendance_of_another_organisation(
    access_world, scoped_api
):  # type: ignore[no-untyped-def]
    other_row = access_world.x.objects["attendance_other"]
    body = scoped_api.get("/api/v1/groups/attendance/").content.decode()
    assert str(other_row.pk) not in body


def test_it_refuses_a_scoped_admin_token_another_organisations_attendance_row(
    access_world, scoped_api
):  # type: ignore[no-untyped-def]
    other_row = access_world.x.objects["attendance_other"]
    response = scoped_api.get(f"/api/v1/groups/attendance/{other_row.pk}/")
    assert response.status_code == 404


def test_it_still_lets_the_facilitator_read_the_same_row(access_world, db):  # type: ignore[no-untyped-def]
    """Positive control: the twin's facilitator reads the row through the same endpoint."""
    from rest_framework.test import APIClient

    from entrepairs.accounts.models import AccessToken

    facilitator = access_world.x.people["facilitator"]
    _, secret = AccessToken.issue(user=facilitator.user, organisation=access_world.x.org, name="t")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    other_row = access_world.x.objects["attendance_other"]
    assert api.get(f"/api/v1/groups/attendance/{other_row.pk}/").status_code == 200


def test_it_refuses_the_platform_admin_a_certificate_of_a_member_without_a_line_manager(
    access_world, db
):  # type: ignore[no-untyped-def]
    side = access_world.x
    member = side.objects["member_other"]
    url = f"/groups/{side.objects['group'].pk}/members/{member.pk}/certificate.pdf"
    assert access_world.clients["platform_admin"].get(url).status_code == 404


def test_it_gives_the_coordinator_the_same_certificate(access_world, db):  # type: ignore[no-untyped-def]
    """Positive control: the organisation's coordinator downloads it."""
    side = access_world.x
    member = side.objects["member_other"]
    url = f"/groups/{side.objects['group'].pk}/members/{member.pk}/certificate.pdf"
    assert access_world.clients["coordinator_other_org"].get(url).status_code == 200


def test_it_lets_a_scoped_admin_token_read_no_person_of_another_organisation(
    access_world, scoped_api
):  # type: ignore[no-untyped-def]
    """AccessToken scoped_to_org_A view_people_of_org_B: deny_404 for every role."""
    body = scoped_api.get("/api/v1/people/?page_size=500").content.decode()
    for person in access_world.x.people.values():
        assert str(person.pk) not in body
    youth_person = access_world.x.objects["youth"].person
    assert str(youth_person.pk) not in body
