"""Giving a role to someone of another organisation is a request they (or their home coordinator)
accept: nothing of them is visible before, and the form tells nobody whether an address exists
(security review, issue 10). Agence Enfance Sud (B) asks Colin Collègue of Tutelle Nord (A)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded
from entrepairs.organisations.models import Membership, RoleRequest

pytestmark = pytest.mark.django_db

PHONE = "06 11 22 33 44"


@pytest.fixture
def colin(world):  # type: ignore[no-untyped-def]
    world.colleague.phone = PHONE
    world.colleague.external_id = "EXT-COLIN"
    world.colleague.save()
    return world.colleague


def _ask(client, world, email, role="facilitator"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("organisations:role_request_create", args=[world.org_b.pk]),
        {"email": email, "role": role},
    )


def _messages(response):  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


def _holds_role(person, organisation):  # type: ignore[no-untyped-def]
    return Membership.objects.filter(person=person, organisation=organisation).exists()


# --- pages -----------------------------------------------------------------------------------


def test_it_answers_the_same_for_a_known_and_an_unknown_address(world, colin, client_for):
    client = client_for(world.coordinator_b)
    known = _ask(client, world, colin.email)
    unknown = _ask(client, world, "nobody@nowhere.test")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert _messages(known)[-1] == _messages(unknown)[-1]
    assert not _holds_role(colin, world.org_b)
    assert RoleRequest.objects.filter(organisation=world.org_b).count() == 2


def test_it_shows_nothing_of_the_person_before_they_accept(world, colin, client_for):
    client = client_for(world.coordinator_b)
    _ask(client, world, colin.email)
    assert client.get(reverse("people:detail", args=[colin.pk])).status_code == 404
    for url in (
        reverse("organisations:detail", args=[world.org_b.pk]),
        reverse("organisations:role_requests"),
    ):
        html = client.get(url).content.decode()
        assert colin.email in html  # what they typed
        assert "Collegue" not in html and PHONE not in html and "EXT-COLIN" not in html
    # Positive control: Colin's own coordinator opens his page.
    assert (
        client_for(world.coordinator).get(reverse("people:detail", args=[colin.pk])).status_code
        == 200
    )


def test_it_lets_the_person_accept_from_their_dashboard(world, colin, client_for):
    _ask(client_for(world.coordinator_b), world, colin.email)
    client = client_for(colin)
    assert client.get(reverse("dashboard")).context["role_requests_waiting"] == 1
    page = client.get(reverse("organisations:role_requests"))
    (request,) = page.context["incoming"]
    assert request.organisation == world.org_b
    assert client.post(reverse("organisations:role_request_accept", args=[request.pk])).status_code
    assert Membership.objects.get(person=colin, organisation=world.org_b).role == "facilitator"
    assert (
        client_for(world.coordinator_b).get(reverse("people:detail", args=[colin.pk])).status_code
        == 200
    )


def test_it_lets_the_home_coordinator_decline(world, colin, client_for):
    _ask(client_for(world.coordinator_b), world, colin.email)
    request = RoleRequest.objects.get()
    client = client_for(world.coordinator)
    assert [
        r.pk for r in client.get(reverse("organisations:role_requests")).context["incoming"]
    ] == [request.pk]
    response = client.post(reverse("organisations:role_request_decline", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.DECLINED
    assert not _holds_role(colin, world.org_b)
    assert Notification.objects.filter(recipient=world.coordinator_b.user).exists()


def test_it_refuses_the_requester_accepting_their_own_request(world, colin, client_for):
    _ask(client_for(world.coordinator_b), world, colin.email)
    request = RoleRequest.objects.get()
    url = reverse("organisations:role_request_accept", args=[request.pk])
    assert client_for(world.coordinator_b).post(url).status_code == 403
    assert not _holds_role(colin, world.org_b)
    assert client_for(colin).post(url).status_code == 302
    assert _holds_role(colin, world.org_b)


def test_it_hides_a_request_from_anyone_else(world, colin, client_for):
    _ask(client_for(world.coordinator_b), world, colin.email)
    request = RoleRequest.objects.get()
    url = reverse("organisations:role_request_accept", args=[request.pk])
    assert client_for(world.professional).post(url).status_code == 404
    assert (
        list(
            client_for(world.professional)
            .get(reverse("organisations:role_requests"))
            .context["incoming"]
        )
        == []
    )
    assert client_for(colin).post(url).status_code == 302


def test_it_notifies_the_person_and_their_coordinator_without_any_name(world, colin, client_for):
    _ask(client_for(world.coordinator_b), world, colin.email)
    notes = Notification.objects.filter(recipient__in=[colin.user, world.coordinator.user])
    assert {n.recipient for n in notes} == {colin.user, world.coordinator.user}
    # The title and the role's label in the reader's language, whatever the sender's.
    texts = worded(notes.get(recipient=colin.user))
    assert texts["fr"].endswith(" vous propose un rôle : Intervenant·e")
    assert texts["en"].endswith(" proposes you a role: Facilitator")
    for note in notes:
        # A body of its own (never an empty e-mail), without any name (issue 10 leftovers).
        assert note.body.strip()
        for name in ("Colin", "Sud"):
            assert name not in note.subject and name not in note.body
        assert note.link == reverse("organisations:role_requests")


def test_it_notifies_nobody_for_an_unknown_address(world, client_for):
    _ask(client_for(world.coordinator_b), world, "nobody@nowhere.test")
    assert not Notification.objects.exists()


def test_it_sends_someone_of_the_same_organisation_to_their_page(world, client_for):
    response = _ask(client_for(world.coordinator_b), world, world.worker_b.email)
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not RoleRequest.objects.exists()


def test_it_lets_the_requester_withdraw_before_an_answer(world, colin, client_for):
    _ask(client_for(world.coordinator_b), world, colin.email)
    request = RoleRequest.objects.get()
    withdraw = reverse("organisations:role_request_withdraw", args=[request.pk])
    assert client_for(colin).post(withdraw).status_code == 403
    # Withdrawing asks first (issue 15 §9): nothing happens before the confirmation.
    asked = client_for(world.coordinator_b).post(withdraw)
    assert asked.status_code == 200 and 'id="confirm-action"' in asked.content.decode()
    assert RoleRequest.objects.get().status != "withdrawn"
    assert client_for(world.coordinator_b).post(withdraw, {"confirmed": "1"}).status_code == 302
    client_for(colin).post(reverse("organisations:role_request_accept", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.WITHDRAWN
    assert not _holds_role(colin, world.org_b)


def test_it_refuses_a_professional_asking_for_a_role(world, client_for):
    url = reverse("organisations:role_request_create", args=[world.org_a.pk])
    assert client_for(world.professional).get(url).status_code == 403
    assert client_for(world.coordinator).get(url).status_code == 200
    assert (
        client_for(world.coordinator)
        .get(reverse("organisations:role_request_create", args=[world.org_b.pk]))
        .status_code
        == 404
    )


# --- API -----------------------------------------------------------------------------------


def _api_ask(api, world, email, role="facilitator"):  # type: ignore[no-untyped-def]
    return api.post(
        "/api/v1/role-requests/",
        {"organisation": str(world.org_b.pk), "email": email, "role": role},
        format="json",
    )


def test_it_answers_the_api_the_same_for_a_known_and_an_unknown_address(world, colin, api_for):
    api = api_for(world.coordinator_b)
    known = _api_ask(api, world, colin.email)
    unknown = _api_ask(api, world, "nobody@nowhere.test")
    assert known.status_code == unknown.status_code == 201
    shown = known.json()
    assert set(shown) == set(unknown.json())
    assert shown["person"] is None and unknown.json()["person"] is None
    assert shown["status"] == "pending" and shown["direction"] == "sent"
    assert api.get(f"/api/v1/people/{colin.pk}/").status_code == 404
    listed = api.get("/api/v1/role-requests/").json()["results"]
    assert {r["person"] for r in listed} == {None}
    assert not _holds_role(colin, world.org_b)


def test_it_lists_a_request_to_the_person_and_their_coordinator_in_the_api(world, colin, api_for):
    request_id = _api_ask(api_for(world.coordinator_b), world, colin.email).json()["id"]
    for who in (colin, world.coordinator):
        received = api_for(who).get("/api/v1/role-requests/?box=received").json()["results"]
        assert [(r["id"], r["person"], r["direction"]) for r in received] == [
            (request_id, str(colin.pk), "received")
        ]
    assert api_for(world.professional).get("/api/v1/role-requests/").json()["results"] == []
    assert (
        api_for(world.professional).get(f"/api/v1/role-requests/{request_id}/").status_code == 404
    )


def test_it_gives_the_role_only_when_the_person_accepts_in_the_api(world, colin, api_for):
    requester = api_for(world.coordinator_b)
    request_id = _api_ask(requester, world, colin.email).json()["id"]
    accept = f"/api/v1/role-requests/{request_id}/accept/"
    assert requester.post(accept).status_code == 403
    assert api_for(world.professional).post(accept).status_code == 404
    assert requester.get(f"/api/v1/people/{colin.pk}/").status_code == 404
    accepted = api_for(colin).post(accept)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert _holds_role(colin, world.org_b)
    assert requester.get(f"/api/v1/people/{colin.pk}/").status_code == 200


def test_it_lets_the_home_coordinator_decline_in_the_api_once(world, colin, api_for):
    request_id = _api_ask(api_for(world.coordinator_b), world, colin.email).json()["id"]
    home = api_for(world.coordinator)
    declined = home.post(f"/api/v1/role-requests/{request_id}/decline/")
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    again = api_for(colin).post(f"/api/v1/role-requests/{request_id}/accept/")
    assert again.status_code == 400
    assert not _holds_role(colin, world.org_b)


def test_it_lets_the_requester_withdraw_in_the_api(world, colin, api_for):
    requester = api_for(world.coordinator_b)
    request_id = _api_ask(requester, world, colin.email).json()["id"]
    withdraw = f"/api/v1/role-requests/{request_id}/withdraw/"
    assert api_for(colin).post(withdraw).status_code == 403
    withdrawn = requester.post(withdraw)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


def test_it_refuses_asking_for_another_organisation_in_the_api(world, colin, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/role-requests/",
        {"organisation": str(world.org_b.pk), "email": "x@y.test", "role": "facilitator"},
        format="json",
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["error"]["fields"]
    assert _api_ask(api_for(world.professional), world, "x@y.test").status_code == 403
    assert _api_ask(api_for(world.coordinator_b), world, "x@y.test").status_code == 201


def test_it_still_refuses_giving_the_role_directly_through_memberships(world, colin, api_for):
    api = api_for(world.coordinator_b)
    direct = {"person": str(colin.pk), "organisation": str(world.org_b.pk), "role": "expert"}
    refused = api.post("/api/v1/memberships/", direct, format="json")
    assert refused.status_code == 400 and "person" in refused.json()["error"]["fields"]
    # Even once Colin accepted one role, another one is asked for again.
    request_id = _api_ask(api, world, colin.email).json()["id"]
    api_for(colin).post(f"/api/v1/role-requests/{request_id}/accept/")
    again = api.post("/api/v1/memberships/", direct, format="json")
    assert again.status_code == 400 and "person" in again.json()["error"]["fields"]
    assert not Membership.objects.filter(person=colin, role="expert").exists()
    # Positive control: a role for someone of B's own.
    own = {"person": str(world.worker_b.pk), "organisation": str(world.org_b.pk), "role": "expert"}
    assert api.post("/api/v1/memberships/", own, format="json").status_code == 201


def test_it_lets_a_coordinator_pause_an_accepted_external_role(world, api_for):
    # Fanny (home A) facilitates for B: B may pause and resume that role, not change it.
    membership = Membership.objects.get(person=world.facilitator, organisation=world.org_b)
    api = api_for(world.coordinator_b)
    url = f"/api/v1/memberships/{membership.pk}/"
    paused = api.patch(url, {"is_active": False}, format="json")
    assert paused.status_code == 200, paused.json()
    assert api.patch(url, {"role": "admin"}, format="json").status_code == 400


def test_it_documents_role_requests_in_the_openapi_schema(world, client_for):
    paths = (
        client_for(world.coordinator)
        .get("/api/schema/", HTTP_ACCEPT="application/json")
        .json()["paths"]
    )
    assert "/api/v1/role-requests/" in paths
    for answer in ("accept", "decline", "withdraw"):
        assert f"/api/v1/role-requests/{{id}}/{answer}/" in paths
