"""Each notification names the organisation it concerns (issue 10): a token scoped to one
organisation reads that organisation's notifications and never another's nor a platform-wide one;
a session (page or API) reads them all."""

import importlib

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from entrepairs.core.models import Notification
from entrepairs.core.notifications import notify
from entrepairs.core.tests.notifying import EXAMPLE, LINK

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(world):  # type: ignore[no-untyped-def]
    """The facilitator works for both organisations: one message of each, one platform-wide."""
    user = world.facilitator.user
    return {
        "a": notify(
            kind=EXAMPLE,
            link=LINK,
            recipient=user,
            subject="Séance A",
            body="Lundi.",
            organisation=world.org_a,
        ),
        "b": notify(
            kind=EXAMPLE,
            link=LINK,
            recipient=user,
            subject="Séance B",
            body="Mardi.",
            organisation=world.org_b.pk,
        ),
        "platform": notify(
            kind=EXAMPLE,
            link=LINK,
            recipient=user,
            subject="Compte",
            body="Bienvenue.",
            organisation=None,
        ),
    }


def _listed(api) -> set[str]:  # type: ignore[no-untyped-def]
    return {n["id"] for n in api.get("/api/v1/notifications/").json()["results"]}


def test_a_scoped_token_reads_its_organisations_notifications_and_never_anothers(
    world, api_for, notes
) -> None:
    for org, mine, other in ((world.org_a, "a", "b"), (world.org_b, "b", "a")):
        token = api_for(world.facilitator, organisation=org)
        assert _listed(token) == {str(notes[mine].pk)}
        assert token.get(f"/api/v1/notifications/{notes[mine].pk}/").json()["organisation"] == str(
            org.pk
        )
        assert token.get(f"/api/v1/notifications/{notes[other].pk}/").status_code == 404
        assert token.get(f"/api/v1/notifications/{notes['platform'].pk}/").status_code == 404
        assert token.post(f"/api/v1/notifications/{notes[other].pk}/read/").status_code == 404
    notes["a"].refresh_from_db()
    notes["b"].refresh_from_db()
    assert notes["b"].read_at is None


def test_a_session_reads_every_notification_on_the_page_and_in_the_api(
    world, notes, client_for
) -> None:
    session = APIClient()
    session.force_login(world.facilitator.user, backend="django.contrib.auth.backends.ModelBackend")
    assert _listed(session) == {str(n.pk) for n in notes.values()}
    page = client_for(world.facilitator).get("/notifications/").content.decode()
    assert all(subject in page for subject in ("Séance A", "Séance B", "Compte"))


def test_the_page_does_not_read_another_users_notification(world, notes, client_for) -> None:
    client = client_for(world.coordinator)
    assert "Séance A" not in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{notes['a'].pk}/read/").status_code == 404
    mine = notify(
        kind=EXAMPLE,
        link=LINK,
        recipient=world.coordinator.user,
        subject="Réunion",
        body="Jeudi.",
        organisation=world.org_a,
    )
    assert client.post(f"/notifications/{mine.pk}/read/").status_code == 302


def test_every_caller_says_which_organisation_a_notification_concerns(world) -> None:
    """No guess from the recipient: the facilitator works for two organisations."""
    with pytest.raises(TypeError, match="organisation"):
        notify(
            kind=EXAMPLE,
            link=LINK,
            recipient=world.facilitator.user,
            subject="Réunion",
            body="Jeudi.",
        )  # type: ignore[call-arg]
    told = notify(
        kind=EXAMPLE,
        link=LINK,
        recipient=world.facilitator.user,
        subject="Réunion",
        body="Jeudi.",
        organisation=world.org_b,
    )
    assert told.organisation_id == world.org_b.pk


def test_inviting_a_person_tags_the_invitation_with_their_organisation(world, api_for) -> None:
    coordinator = api_for(world.coordinator, organisation=world.org_a)
    assert coordinator.post(f"/api/v1/people/{world.youth.pk}/invite/").status_code == 202
    world.youth.refresh_from_db()
    note = Notification.objects.get(recipient=world.youth.user)
    assert note.organisation_id == world.org_a.pk


def test_a_role_request_tells_the_home_side_under_its_home_organisation(world, api_for) -> None:
    asking = api_for(world.coordinator_b, organisation=world.org_b)
    answer = asking.post(
        "/api/v1/role-requests/",
        {"organisation": str(world.org_b.pk), "role": "expert", "email": world.colleague.email},
    )
    assert answer.status_code == 201
    told = Notification.objects.filter(recipient=world.colleague.user).get()
    assert told.organisation_id == world.org_a.pk
    home_token = api_for(world.colleague, organisation=world.org_a)
    assert _listed(home_token) == {str(told.pk)}


def test_the_migration_tags_old_notifications_from_their_target_or_only_organisation(
    world,
) -> None:
    migration = importlib.import_module(
        "entrepairs.core.migrations.0004_notification_organisation_backfill"
    )
    person_link = f"/people/{world.coordinator_b.pk}/"
    old = {
        # target named by the link: a person of organisation B, sent to the facilitator (A and B)
        "target": notify(
            kind=EXAMPLE,
            recipient=world.facilitator.user,
            subject="s",
            body="b",
            link=person_link,
            organisation=None,
        ),
        # no target: the recipient's only organisation
        "only": notify(
            kind=EXAMPLE,
            recipient=world.coordinator.user,
            subject="s",
            body="b",
            link="/",
            organisation=None,
        ),
        # no target and two organisations: left empty
        "unknown": notify(
            kind=EXAMPLE,
            recipient=world.facilitator.user,
            subject="s",
            body="b",
            link="/",
            organisation=None,
        ),
    }
    Notification.objects.update(organisation=None)
    migration.backfill(apps, None)
    tagged = {k: Notification.objects.get(pk=n.pk).organisation_id for k, n in old.items()}
    assert tagged == {"target": world.org_b.pk, "only": world.org_a.pk, "unknown": None}
