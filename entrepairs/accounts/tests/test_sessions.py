"""Sessions end after a period of inactivity set per organisation, and a person can end all their
sessions at once (issue 10, "Sessions and headers")."""

import time

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from entrepairs.accounts import sessions
from entrepairs.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db

PAGE = "/people/"
API = "/api/v1/notifications/"


def idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session[sessions.LAST_SEEN] = time.time() - minutes * 60
    session.save()


def signed_in(person) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_it_ends_a_session_idle_for_thirty_minutes_with_a_message_on_the_sign_in_page(
    world, english_messages
):
    client = signed_in(world.professional)
    idle_for(client, 31)
    response = client.get(PAGE, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert LogEntry.objects.filter(
        additional_data__event="signed_out_idle", object_pk=str(world.professional.user.pk)
    ).exists()
    assert client.get(PAGE).status_code == 302  # the session is gone, not just this answer


def test_it_keeps_a_session_used_within_the_limit(world):
    client = signed_in(world.professional)
    idle_for(client, 29)
    assert client.get(PAGE).status_code == 200
    idle_for(client, 29)  # each request counts as activity
    assert client.get(PAGE).status_code == 200


def test_it_applies_the_strictest_limit_of_the_persons_organisations(world):
    world.org_b.session_idle_minutes = 10
    world.org_b.save()
    facilitator = signed_in(world.facilitator)  # a facilitator in A (default 30) and in B (10)
    idle_for(facilitator, 11)
    assert facilitator.get(PAGE).status_code == 302
    coordinator = signed_in(world.coordinator)  # A only
    idle_for(coordinator, 11)
    assert coordinator.get(PAGE).status_code == 200


def test_it_lets_an_organisation_set_a_longer_limit(world):
    world.org_a.session_idle_minutes = 120
    world.org_a.save()
    client = signed_in(world.professional)
    idle_for(client, 90)
    assert client.get(PAGE).status_code == 200
    idle_for(client, 121)
    assert client.get(PAGE).status_code == 302


def test_it_sets_no_inactivity_limit_for_roles_without_childrens_data(world):
    world.professional.memberships.update(role=Role.NEWCOMER)
    client = signed_in(world.professional)
    idle_for(client, 240)
    assert client.get("/").status_code == 200


def test_it_ends_an_idle_session_on_the_api_too(world):
    client = signed_in(world.professional)
    idle_for(client, 31)
    assert client.get(API).status_code == 401
    positive = signed_in(world.colleague)
    assert positive.get(API).status_code == 200


def test_it_does_not_time_out_access_tokens(world, api_for):
    # A token has no session: it lives until it expires or is revoked.
    assert api_for(world.professional).get(API).status_code == 200


def test_it_saves_the_inactivity_limit_from_the_organisation_settings_page(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("organisations:settings", args=[world.org_a.pk])
    data = {
        "name": world.org_a.name,
        "kind": world.org_a.kind,
        "region": "",
        "session_idle_minutes": "15",
    }
    assert client.post(url, data).status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.session_idle_minutes == 15
    data["session_idle_minutes"] = "2"
    assert client.post(url, data).status_code == 200  # below the 5-minute floor: the form says so
    world.org_a.refresh_from_db()
    assert world.org_a.session_idle_minutes == 15


def test_it_signs_out_every_session_from_the_account_page_but_keeps_tokens(world, api_for):
    laptop, phone = signed_in(world.professional), signed_in(world.professional)
    token = api_for(world.professional)
    other = signed_in(world.colleague)
    response = laptop.post(reverse("accounts:sign_out_everywhere"))
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert laptop.get(PAGE).status_code == 302
    assert phone.get(PAGE).status_code == 302
    assert token.get(API).status_code == 200
    assert other.get(PAGE).status_code == 200
    assert LogEntry.objects.filter(
        additional_data__event="signed_out_everywhere", object_pk=str(world.professional.user.pk)
    ).exists()
    # Signing in again works as before.
    world.professional.user.refresh_from_db()
    assert signed_in(world.professional).get(PAGE).status_code == 200


def test_it_signs_out_every_session_through_the_api(world, api_for):
    phone = signed_in(world.professional)
    token = api_for(world.professional)
    assert token.post("/api/v1/account/sign-out-everywhere/").status_code == 204
    assert phone.get(PAGE).status_code == 302
    assert token.get(API).status_code == 200  # the token that asked keeps working


def test_it_signs_out_the_calling_session_through_the_api(world):
    api = APIClient()
    api.force_login(world.professional.user, backend="django.contrib.auth.backends.ModelBackend")
    assert api.post("/api/v1/account/sign-out-everywhere/").status_code == 204
    assert api.get(API).status_code == 401


def test_it_asks_anonymous_callers_to_authenticate(world):
    assert APIClient().post("/api/v1/account/sign-out-everywhere/").status_code == 401
    response = Client().post(reverse("accounts:sign_out_everywhere"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_it_reads_the_limit_without_a_query_per_request(world, django_assert_num_queries):
    Membership.objects.filter(person=world.professional).update(role=Role.MENTOR)
    client = signed_in(world.professional)
    request = type("R", (), {"session": client.session, "user": world.professional.user})()
    request.session.keys()  # the session is read once per request anyway (from the database)
    with django_assert_num_queries(0):
        assert sessions.current_limit(request) == 30  # type: ignore[arg-type]


def test_it_explains_the_timeout_in_french(world):
    client = signed_in(world.professional)
    idle_for(client, 31)
    page = client.get(PAGE, follow=True).content.decode()
    assert "déconnecté·e après 30 minutes sans activité" in page


def test_it_shows_the_limit_and_the_button_on_the_account_page_in_french(world):
    page = signed_in(world.professional).get(reverse("accounts:settings")).content.decode()
    assert "Vous êtes déconnecté·e après 30 minutes sans activité." in page
    assert "Me déconnecter partout" in page


def test_signing_out_everywhere_asks_first(world):
    """Outside test: the account page's button signed out in one click. It opens a question;
    only its confirmation (a POST) signs out."""
    laptop = signed_in(world.professional)
    page = laptop.get(reverse("accounts:settings")).content.decode()
    assert f'method="get" action="{reverse("accounts:sign_out_everywhere")}"' in page
    question = laptop.get(reverse("accounts:sign_out_everywhere"))
    assert question.status_code == 200
    assert 'id="confirm-action"' in question.content.decode()
    assert laptop.get(PAGE).status_code == 200  # still signed in
