"""A network's mailing lists (issue 16 point 3): organisers create lists and post; members opt in
with one click; an address without an account confirms by a signed, expiring link (double
opt-in); every message carries a one-click unsubscribe link and the RFC 8058 headers; the archive
is the network's members' (others: 404); sending goes through the worker in rate-limited batches.
Each rule through the page and the API."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.tasks import default_task_backend

from entrepairs.core.services import SYSTEM
from entrepairs.networks import services as network_services
from entrepairs.networks.models import Level, Network

from .. import services
from ..models import ListMessage, MailingList, Subscription
from ..tasks import send_list_batch

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _english(english_messages: Any) -> None:
    """Assertions quote the English messages (French is checked by the translation tests)."""


@pytest.fixture
def network(world: Any) -> Network:
    """Organisation A's network, organised by its coordinator; organisation B is outside."""
    return network_services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        description="Formations et rencontres.",
        by=world.coordinator,
    )


@pytest.fixture
def mlist(network: Network) -> MailingList:
    return services.mailing_list_save(
        mailing_list=MailingList(network=network, name="Tuteurs du Nord"), by=SYSTEM
    )


@pytest.fixture
def dummy_tasks(settings: Any) -> Any:
    settings.TASKS = DUMMY
    default_task_backend.clear()  # type: ignore[attr-defined]
    return default_task_backend


def _run_batches(backend: Any) -> None:
    for result in list(backend.results):
        if result.task.func is send_list_batch.func:
            send_list_batch.call(*result.args)
    backend.clear()


# Creating lists: organisers only.


def test_an_organiser_creates_a_list_on_the_page_and_in_the_api(
    world, network, client_for, api_for
) -> None:
    page = client_for(world.coordinator).post(
        f"/networks/lists/network/{network.pk}/", {"name": "Annonces", "description": "x"}
    )
    assert page.status_code == 302
    assert MailingList.objects.filter(network=network, name="Annonces").exists()
    api = api_for(world.coordinator, world.org_a).post(
        "/api/v1/networks/lists/", {"network": str(network.pk), "name": "Dîners"}, format="json"
    )
    assert api.status_code == 201, api.content
    assert api.json()["subscribers_count"] == 0


def test_a_member_who_does_not_organise_may_not_create_a_list(
    world, network, client_for, api_for
) -> None:
    page = client_for(world.professional).post(
        f"/networks/lists/network/{network.pk}/", {"name": "Annonces"}
    )
    assert page.status_code == 403
    api = api_for(world.professional).post(
        "/api/v1/networks/lists/", {"network": str(network.pk), "name": "x"}, format="json"
    )
    assert api.status_code == 403
    assert not MailingList.objects.exists()


def test_an_outsider_sees_no_list_of_the_network(world, mlist, client_for, api_for) -> None:
    c = client_for(world.worker_b)
    assert c.get(f"/networks/lists/network/{mlist.network_id}/").status_code == 404
    assert c.get(f"/networks/lists/{mlist.pk}/").status_code == 404
    assert c.post(f"/networks/lists/{mlist.pk}/subscription/").status_code == 404
    api = api_for(world.worker_b)
    assert api.get("/api/v1/networks/lists/").json()["count"] == 0
    assert api.get(f"/api/v1/networks/lists/{mlist.pk}/").status_code == 404
    assert api.post(f"/api/v1/networks/lists/{mlist.pk}/subscribe/").status_code == 404
    assert not Subscription.objects.filter(mailing_list=mlist).exists()


# Subscribing: one click for members, double opt-in for other addresses.


def test_a_member_subscribes_in_one_click_on_the_page(world, mlist, client_for) -> None:
    c = client_for(world.professional)
    assert c.post(f"/networks/lists/{mlist.pk}/subscription/").status_code == 302
    sub = Subscription.objects.get(mailing_list=mlist)
    assert sub.email == world.professional.email.lower() and sub.is_active
    assert mail.outbox == []  # their account's address: their opt-in is their consent
    assert 'id="subscribed"' in c.get(f"/networks/lists/{mlist.pk}/").content.decode()
    # Unsubscribing from the page asks first (issue 15 §9); the e-mail's link stays one click.
    c.cookies["django_language"] = "fr"
    asked = c.post(f"/networks/lists/{mlist.pk}/subscription/", {"action": "unsubscribe"})
    html = asked.content.decode()
    assert asked.status_code == 200 and 'id="confirm-action"' in html
    assert "Oui, me désabonner" in html and 'name="confirmed" value="1"' in html
    sub.refresh_from_db()
    assert sub.is_active
    c.post(f"/networks/lists/{mlist.pk}/subscription/", {"action": "unsubscribe", "confirmed": "1"})
    sub.refresh_from_db()
    assert not sub.is_active


def test_a_member_subscribes_in_one_click_in_the_api(world, mlist, api_for) -> None:
    api = api_for(world.professional)
    answer = api.post(f"/api/v1/networks/lists/{mlist.pk}/subscribe/", {}, format="json")
    assert answer.status_code == 200 and answer.json()["subscribed"] is True
    assert answer.json()["subscribers_count"] == 1
    answer = api.post(f"/api/v1/networks/lists/{mlist.pk}/unsubscribe/")
    assert answer.status_code == 200 and answer.json()["subscribed"] is False


def test_an_address_without_an_account_needs_double_opt_in(
    world, mlist, client_for, client, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(world.professional).post(
            f"/networks/lists/{mlist.pk}/subscription/",
            {"action": "address", "email": "Partenaire@Example.org"},
        )
    assert page.status_code == 302
    sub = Subscription.objects.get(mailing_list=mlist, email="partenaire@example.org")
    assert not sub.is_active  # receives nothing until it confirms
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.subject == "[Entrepairs] Confirm your subscription"
    assert "Tuteurs du Nord" in confirmation.body
    link = next(w for w in confirmation.body.split() if "/newsletter/confirm/" in w)
    client.logout()
    assert client.get(link).status_code == 200
    sub.refresh_from_db()
    assert not sub.is_active  # a link follower (mail scanner) confirms nothing
    assert client.post(link).status_code == 200
    sub.refresh_from_db()
    assert sub.is_active


def test_the_double_opt_in_in_the_api_answers_202_and_the_link_expires(
    world, mlist, api_for, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        answer = api_for(world.professional).post(
            f"/api/v1/networks/lists/{mlist.pk}/subscribe/",
            {"email": "autre@example.org"},
            format="json",
        )
    assert answer.status_code == 202
    sub = Subscription.objects.get(mailing_list=mlist, email="autre@example.org")
    token = services.confirmation_token(sub)
    monkeypatch.setattr(services, "CONFIRM_MAX_AGE", timedelta(seconds=-1))
    expired = api_for(world.professional).post(
        "/api/v1/groups/newsletter/confirm/", {"token": token}, format="json"
    )
    assert expired.status_code == 400
    sub.refresh_from_db()
    assert not sub.is_active


# Posting: organisers only (members too on an open list); rate-limited batches by the worker.


def _subscribe(mlist: MailingList, n: int) -> None:
    for i in range(n):
        services.subscribe(mailing_list=mlist, email=f"pro{i}@example.org")


def test_only_organisers_post_on_the_page_and_in_the_api(
    world, mlist, client_for, api_for, dummy_tasks
) -> None:
    body = {"subject": "Dîner", "body": "Jeudi."}
    assert (
        client_for(world.professional).post(f"/networks/lists/{mlist.pk}/post/", body).status_code
        == 403
    )
    member_api = api_for(world.professional)
    url = f"/api/v1/networks/lists/{mlist.pk}/messages/"
    assert member_api.post(url, body, format="json").status_code == 403
    assert api_for(world.worker_b).post(url, body, format="json").status_code == 404
    assert not ListMessage.objects.exists()
    page = client_for(world.coordinator).post(f"/networks/lists/{mlist.pk}/post/", body)
    assert page.status_code == 302
    answer = api_for(world.coordinator, world.org_a).post(url, body, format="json")
    assert answer.status_code == 201
    assert ListMessage.objects.count() == 2


def test_members_post_when_the_list_is_open_to_their_posts(world, mlist, api_for) -> None:
    mlist.open_to_member_posts = True
    services.mailing_list_save(mailing_list=mlist, by=world.coordinator.user)
    url = f"/api/v1/networks/lists/{mlist.pk}/messages/"
    body = {"subject": "Question", "body": "Qui a un retour ?"}
    assert api_for(world.professional).post(url, body, format="json").status_code == 201
    assert api_for(world.worker_b).post(url, body, format="json").status_code == 404


def test_a_message_is_sent_in_rate_limited_batches_by_the_worker(
    world, mlist, dummy_tasks, settings, django_capture_on_commit_callbacks
) -> None:
    settings.MAILING_LIST_BATCH_SIZE = 2
    settings.MAILING_LIST_RATE_PER_MINUTE = 4  # one batch of 2 every 30 seconds
    _subscribe(mlist, 5)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.list_message_post(
            mailing_list=mlist, subject="Dîner", body="Jeudi.", by=world.coordinator.user
        )
    assert (message.total, message.batches) == (5, 3)
    assert mail.outbox == []  # nothing sent in the request
    results = list(dummy_tasks.results)
    assert [len(r.args[1]) for r in results] == [2, 2, 1]
    first = results[1].task.run_after
    assert results[0].task.run_after is None
    assert results[2].task.run_after - first == timedelta(seconds=30)
    # One address leaves before its batch: skipped, counted, progress ends at the total.
    services.unsubscribe(token=Subscription.objects.get(email="pro4@example.org").token)
    _run_batches(dummy_tasks)
    message.refresh_from_db()
    assert (message.sent, message.skipped, message.done) == (4, 1, True)
    assert len(mail.outbox) == 4


def test_each_message_carries_one_click_unsubscribe_and_its_headers(
    world, mlist, dummy_tasks, client, django_capture_on_commit_callbacks
) -> None:
    _subscribe(mlist, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.list_message_post(
            mailing_list=mlist, subject="Dîner", body="Jeudi à 19 h.", by=SYSTEM
        )
    _run_batches(dummy_tasks)
    (email,) = mail.outbox
    sub = Subscription.objects.get(mailing_list=mlist)
    assert email.subject == "[Tuteurs du Nord] Dîner"
    assert email.body.startswith("Jeudi à 19 h.")  # the author's text, as written
    assert f"/groups/unsubscribe/{sub.token}/" in email.body
    assert email.extra_headers["List-Unsubscribe"].endswith(f"/groups/unsubscribe/{sub.token}/>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # RFC 8058: the mail client POSTs, without a session nor a CSRF token.
    client.logout()
    assert client.post(f"/groups/unsubscribe/{sub.token}/").status_code == 200
    sub.refresh_from_db()
    assert not sub.is_active


# The archive: members only.


def test_the_archive_is_the_members_and_a_404_for_outsiders(
    world, mlist, dummy_tasks, client_for, api_for
) -> None:
    message = services.list_message_post(
        mailing_list=mlist, subject="Compte rendu", body="Merci à tous.", by=SYSTEM
    )
    member = client_for(world.colleague)
    assert "Compte rendu" in member.get(f"/networks/lists/{mlist.pk}/").content.decode()
    page = member.get(f"/networks/lists/messages/{message.pk}/")
    assert page.status_code == 200 and "Merci à tous." in page.content.decode()
    assert 'id="progress-count"' in page.content.decode()
    api = api_for(world.colleague)
    assert api.get(f"/api/v1/networks/lists/{mlist.pk}/messages/").json()["count"] == 1
    detail = api.get(f"/api/v1/networks/list-messages/{message.pk}/").json()
    assert (detail["sent"], detail["total"], detail["done"]) == (0, 0, True)

    outsider = client_for(world.worker_b)
    assert outsider.get(f"/networks/lists/messages/{message.pk}/").status_code == 404
    other_api = api_for(world.worker_b)
    assert other_api.get(f"/api/v1/networks/list-messages/{message.pk}/").status_code == 404
    assert other_api.get("/api/v1/networks/list-messages/").json()["count"] == 0
    assert other_api.get(f"/api/v1/networks/lists/{mlist.pk}/messages/").status_code == 404


def test_the_progress_fragment_answers_htmx(world, mlist, dummy_tasks, client_for) -> None:
    _subscribe(mlist, 3)
    message = services.list_message_post(mailing_list=mlist, subject="S", body="B", by=SYSTEM)
    fragment = client_for(world.coordinator).get(
        f"/networks/lists/messages/{message.pk}/", HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert "0 sent of 3" in body and "hx-trigger" in body and "<html" not in body
