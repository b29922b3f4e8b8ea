"""An organisation with no tie to the group (not its owner, not a partner) swaps ids: the
situation, note and session ids of organisation A's group, tried in its own coordinator's pages
and API, are as unknown as random ids (404, empty lists). The positive control: the same
coordinator opens their own organisation's group and session through the same URLs."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from entrepairs.accounts.models import AccessToken, User
from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.people.models import Person

from .. import services
from ..models import Session

SECRET = "refuse la visite"


@pytest.fixture
def unrelated(accepted):  # type: ignore[no-untyped-def]
    """Organisation C's coordinator, with a group and a session of C's own."""
    org_c = Organisation.objects.create(name="Maison Est", slug="maison-est")
    user = User.objects.create_user("chef@maison-est.test", accepted.w.password)
    chief = Person.objects.create(
        organisation=org_c, first_name="Chef", last_name="Est", email=user.email, user=user
    )
    Membership.objects.create(person=chief, organisation=org_c, role=Role.COORDINATOR)
    # She leads C's group as its facilitator (setting a group up gives no right to lead it).
    Membership.objects.create(person=chief, organisation=org_c, role=Role.FACILITATOR)
    group = services.group_create(
        organisation=org_c,
        name="Groupe Est",
        kind="supervision",
        facilitators=[chief],
        created_by=chief,
    )
    start = timezone.now() - timedelta(days=3)
    session = Session.objects.create(
        group=group, number=1, starts_at=start, ends_at=start + timedelta(hours=2), room="Est"
    )
    _, secret = AccessToken.issue(user=user, organisation=org_c, name="t")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return chief, group, session, api


def test_it_answers_swapped_ids_like_unknown_ones_in_the_api(accepted, unrelated) -> None:
    chief, group, session, api = unrelated
    for kind, pk in (
        ("situations", accepted.situation.pk),
        ("notes", accepted.note.pk),
        ("sessions", accepted.past.pk),
        ("sessions", uuid.uuid4()),
    ):
        assert api.get(f"/api/v1/groups/{kind}/{pk}/").status_code == 404, kind
    situations = api.get("/api/v1/groups/situations/", {"session": str(accepted.past.pk)})
    assert situations.status_code == 200 and situations.json()["count"] == 0
    assert SECRET not in situations.content.decode()
    # Positive control: their own session, same endpoint.
    assert api.get(f"/api/v1/groups/sessions/{session.pk}/").status_code == 200


def test_it_answers_swapped_ids_like_unknown_ones_in_the_pages(
    accepted, unrelated, client_for
) -> None:
    chief, group, session, _api = unrelated
    client = client_for(chief)
    for url in (
        f"/groups/{accepted.group.pk}/",
        f"/groups/sessions/{accepted.past.pk}/",
        f"/groups/sessions/{accepted.past.pk}/situations/new/",
        f"/groups/sessions/{accepted.past.pk}/sheet.pdf",
        f"/groups/{accepted.group.pk}/members/{accepted.members[0].pk}/certificate.pdf",
        # their own group's id with a member of A's group
        f"/groups/{group.pk}/members/{accepted.members[0].pk}/certificate.pdf",
    ):
        assert client.get(url).status_code == 404, url
    assert "Supervision Lille" not in client.get("/groups/?q=Supervision").content.decode()
    # Positive control: their own group and session, same pages.
    assert client.get(f"/groups/{group.pk}/").status_code == 200
    assert client.get(f"/groups/sessions/{session.pk}/").status_code == 200
    assert "Groupe Est" in client.get("/groups/?q=Groupe").content.decode()
