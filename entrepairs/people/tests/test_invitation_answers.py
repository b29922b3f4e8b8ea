"""Inviting a person answers the same whether or not an account already uses their address
(issue 10): same message, same status, same state of the person afterwards, on the page and in
the API. The owner of an existing account is told by e-mail; it is never linked."""

import re

import pytest
from django.contrib.messages import get_messages
from django.tasks import task_backends
from django.test import TestCase
from django.urls import reverse

from entrepairs.people.models import Person

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    task_backends._settings = None  # type: ignore[attr-defined]  # reload from the setting
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


def _person(world, email):  # type: ignore[no-untyped-def]
    return Person.objects.create(
        organisation=world.org_a, first_name="Ines", last_name="Invitee", email=email
    )


def _addresses(world):  # type: ignore[no-untyped-def]
    """A new address, the platform administrator's, and the account of someone of elsewhere."""
    return ["ines.new@a.test", world.admin.email.upper(), world.worker_b.email]


def _account_state(html: str) -> str:
    """What the person page tells about the account: the tag and whether the button is there."""
    tag = re.search(r"<dt>Account</dt><dd>(.*?)</dd>", html)
    assert tag is not None
    return tag.group(1) + ("invite-button" if "/invite/" in html else "")


def _masked(text: str, person: Person) -> str:
    return text.replace(person.email, "EMAIL").replace(str(person.pk), "ID")


def test_it_answers_an_invitation_on_the_page_alike_whoever_owns_the_address(
    world, client_for, immediate_tasks, mailoutbox
):
    client = client_for(world.coordinator)
    answers = set()
    for email in _addresses(world):
        person = _person(world, email)
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(reverse("people:invite", args=[person.pk]))
        told = " ".join(str(m) for m in get_messages(response.wsgi_request))
        page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
        answers.add(
            (
                response.status_code,
                _masked(response["Location"], person),
                _masked(told, person),
                _account_state(page),
            )
        )
    assert len(answers) == 1, answers
    status, _, told, state = answers.pop()
    assert status == 302 and "An invitation was sent to EMAIL" in told
    assert "no account" in state and "invite-button" in state
    # Each address was told by e-mail; the existing accounts were not linked.
    assert sorted(m.to[0].lower() for m in mailoutbox) == sorted(
        e.lower() for e in _addresses(world)
    )
    assert Person.objects.get(email="ines.new@a.test").user is not None
    assert not Person.objects.filter(user=world.admin).exists()
    existing = next(m for m in mailoutbox if m.to[0] == world.admin.email)
    # In the recipient's language (French, their preference), not the English page's (issue 15).
    assert (
        "qui a déjà un compte" in existing.body and "/accounts/password/reset/key/" in existing.body
    )


def test_it_answers_an_invitation_in_the_api_alike_whoever_owns_the_address(
    world, api_for, immediate_tasks, mailoutbox
):
    api = api_for(world.coordinator)
    answers = set()
    for email in _addresses(world):
        person = _person(world, email)
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = api.post(f"/api/v1/people/{person.pk}/invite/")
        shown = api.get(f"/api/v1/people/{person.pk}/").json()
        answers.add(
            (response.status_code, _masked(response.content.decode(), person), shown["has_account"])
        )
    assert answers == {(202, '{"detail":"An invitation was sent to EMAIL."}', False)}
    assert len(mailoutbox) == 3


def test_it_refuses_an_invitation_in_the_api_to_someone_who_may_not_manage_the_person(
    world, api_for
):
    person = _person(world, "ines.new@a.test")
    assert (
        api_for(world.professional).post(f"/api/v1/people/{person.pk}/invite/").status_code == 404
    )
    assert (
        api_for(world.manager).post(f"/api/v1/people/{world.professional.pk}/invite/").status_code
        == 403
    )
    assert api_for(world.coordinator).post(f"/api/v1/people/{person.pk}/invite/").status_code == 202


def test_it_shows_the_account_once_the_invited_person_has_signed_in(world, client_for, api_for):
    person = _person(world, "ines.new@a.test")
    coordinator = client_for(world.coordinator)
    coordinator.post(reverse("people:invite", args=[person.pk]))
    person.refresh_from_db()
    api = api_for(world.coordinator)
    assert api.get(f"/api/v1/people/{person.pk}/").json()["has_account"] is False
    client_for(person.user)  # signs in: the account is now in use
    coordinator = client_for(world.coordinator)
    page = coordinator.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "has an account" in _account_state(page) and "invite-button" not in _account_state(page)
    assert api.get(f"/api/v1/people/{person.pk}/").json()["has_account"] is True
    refused = api.post(f"/api/v1/people/{person.pk}/invite/")
    assert refused.status_code == 400
