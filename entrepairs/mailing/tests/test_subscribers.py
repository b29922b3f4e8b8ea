"""A newsletter's owner sees who signed up (waiting, subscribed, gone), page and API; nobody
else reads the addresses: not the facilitators who write announcements, not another
organisation, not the platform administrator."""

import pytest

from .. import services


@pytest.fixture
def sign_ups(world, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    active = services.subscribe_public(provider=world.org_a, email="lea@exemple.fr")
    assert active is not None
    services.subscription_confirm(token=services.confirmation_token(active))
    services.subscribe_public(provider=world.org_a, email="attente@exemple.fr")
    gone = services.subscribe_public(provider=world.org_a, email="partie@exemple.fr")
    assert gone is not None
    services.subscription_confirm(token=services.confirmation_token(gone))
    services.unsubscribe(token=gone.token)
    services.subscribe_public(provider=world.org_b, email="ailleurs@exemple.fr")
    return world


def test_the_coordinator_sees_each_sign_up_and_its_state_on_the_page(sign_ups, client_for):
    page = client_for(sign_ups.coordinator).get("/groups/newsletter/subscribers/")
    body = page.content.decode()
    assert page.status_code == 200
    for address in ("lea@exemple.fr", "attente@exemple.fr", "partie@exemple.fr"):
        assert address in body
    assert "ailleurs@exemple.fr" not in body  # another organisation's list
    assert "Abonné" in body and "En attente de confirmation" in body and "Désabonné" in body
    assert "1 adresse reçoit vos annonces" in body


def test_the_api_lists_the_owner_s_sign_ups_with_their_state(sign_ups, client_for):
    answer = client_for(sign_ups.coordinator).get("/api/v1/groups/newsletter/subscribers/")
    assert answer.status_code == 200
    states = {row["email"]: row["state"] for row in answer.json()["results"]}
    assert states == {
        "lea@exemple.fr": "active",
        "attente@exemple.fr": "waiting",
        "partie@exemple.fr": "left",
    }


@pytest.mark.parametrize("who", ["facilitator", "professional", "coordinator_b", "admin"])
def test_nobody_else_reads_the_addresses(sign_ups, client_for, who):
    client = client_for(getattr(sign_ups, who))
    assert (
        client.get("/groups/newsletter/subscribers/").status_code == 404 or who == "coordinator_b"
    )
    listed = client.get("/api/v1/groups/newsletter/subscribers/").json()["results"]
    assert not {r["email"] for r in listed} & {"lea@exemple.fr", "attente@exemple.fr"}


def test_another_organisation_s_coordinator_sees_only_their_own_list(sign_ups, client_for):
    body = client_for(sign_ups.coordinator_b).get("/groups/newsletter/subscribers/").content
    assert b"ailleurs@exemple.fr" in body and b"lea@exemple.fr" not in body


def test_anonymous_is_sent_to_sign_in(sign_ups, client):
    assert client.get("/groups/newsletter/subscribers/").status_code == 302
    assert client.get("/api/v1/groups/newsletter/subscribers/").status_code in (401, 403)
