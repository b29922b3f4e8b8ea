"""No e-mail leaves empty: every notification has a subject and a body of its own, and every
e-mail template the product sends renders a text (DECISIONS.md: a short subject and a link, no
name of a person served, no confidential text)."""

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.tasks import task_backends
from django.template import engines
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse

import entrepairs
from entrepairs.core.notifications import notify
from entrepairs.core.tests.notifying import EXAMPLE, LINK

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    task_backends._settings = None  # type: ignore[attr-defined]  # reload from the setting
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


def _text_before_the_link(body: str) -> str:
    return body.split("http", 1)[0].strip()


def _check_role_request_mails(world, mailoutbox):  # type: ignore[no-untyped-def]
    # The person asked (Colin) and his home coordinator (Claire) are told; nobody is named.
    told = {m.to[0]: m for m in mailoutbox}
    assert set(told) == {world.colleague.email, world.coordinator.email}
    for mail in told.values():
        assert _text_before_the_link(mail.body), mail.body
        assert reverse("organisations:role_requests") in mail.body
        for name in ("Colin", "Collegue", "Bruno", "Agence"):
            assert name not in mail.subject + mail.body


def test_it_sends_a_role_request_mail_with_a_body_and_a_link_from_the_page(
    world, client_for, immediate_tasks, mailoutbox
):
    client = client_for(world.coordinator_b)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("organisations:role_request_create", args=[world.org_b.pk]),
            {"email": world.colleague.email, "role": "facilitator"},
        )
    _check_role_request_mails(world, mailoutbox)


def test_it_sends_a_role_request_mail_with_a_body_and_a_link_from_the_api(
    world, api_for, immediate_tasks, mailoutbox
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = api_for(world.coordinator_b).post(
            "/api/v1/role-requests/",
            {"organisation": str(world.org_b.pk), "email": world.colleague.email, "role": "expert"},
            format="json",
        )
    assert response.status_code == 201, response.json()
    _check_role_request_mails(world, mailoutbox)


def test_it_tells_the_requester_of_the_answer_with_a_body(
    world, api_for, immediate_tasks, mailoutbox
):
    from entrepairs.organisations.models import RoleRequest

    api_for(world.coordinator_b).post(
        "/api/v1/role-requests/",
        {"organisation": str(world.org_b.pk), "email": world.colleague.email, "role": "expert"},
        format="json",
    )
    request = RoleRequest.objects.get(organisation=world.org_b)
    mailoutbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = api_for(world.colleague).post(f"/api/v1/role-requests/{request.pk}/accept/")
    assert answer.status_code in (200, 201), answer.content
    (mail,) = mailoutbox
    assert mail.to == [world.coordinator_b.email] and _text_before_the_link(mail.body)


def test_it_refuses_a_notification_without_a_body(world):
    with pytest.raises(ValueError, match="body"):
        notify(
            kind=EXAMPLE,
            link=LINK,
            recipient=world.professional.user,
            subject="Bonjour",
            body=" ",
            organisation=None,
        )
    # Positive control.
    assert notify(
        kind=EXAMPLE,
        link=LINK,
        recipient=world.professional.user,
        subject="Bonjour",
        body="Un mot.",
        email=False,
        organisation=None,
    )


def test_it_gives_every_notification_of_the_code_a_body():
    """Static companion of the runtime checks in notify(): a body, a kind and a link to the record,
    on paths no test walks too."""
    root = Path(entrepairs.__file__).parent
    missing = []
    calls = 0
    for path in root.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            func = getattr(node, "func", None)
            name = getattr(func, "id", getattr(func, "attr", ""))
            # notify() and the helpers that wrap it (mentoring's _notify_people).
            if isinstance(node, ast.Call) and "notify" in name:
                calls += 1
                given = {k.arg: k.value for k in node.keywords}
                body = given.get("body")
                if body is None or (isinstance(body, ast.Constant) and not str(body.value).strip()):
                    missing.append(f"{path.relative_to(root)}:{node.lineno}")
                # What happened and the record it is about (the inbox gathers and links them).
                link = given.get("link")
                if "kind" not in given or link is None or isinstance(link, ast.Constant):
                    missing.append(f"{path.relative_to(root)}:{node.lineno} (kind, link)")
    assert calls >= 10 and missing == []


def _email_templates() -> list[str]:
    """Every `<app>/email/*_message.txt` the template loaders find (allauth's and ours)."""
    names = set()
    for loader in engines["django"].engine.template_loaders:  # type: ignore[attr-defined]
        for directory in loader.get_dirs():
            for path in Path(directory).glob("*/email/*_message.txt"):
                if not path.name.startswith("base_"):
                    names.add(str(path.relative_to(directory)))
    return sorted(names)


def test_it_finds_the_email_templates():
    assert "account/email/password_reset_key_message.txt" in _email_templates()


@pytest.mark.parametrize("name", _email_templates())
def test_it_renders_each_email_template_with_a_text_and_a_subject(world, name):
    context = {
        "user": world.professional.user,
        "current_site": SimpleNamespace(name="Entrepairs", domain="entrepairs.test"),
        "password_reset_url": "https://entrepairs.test/reset/",
        "activate_url": "https://entrepairs.test/confirm/",
        "code": "123456",
        "email": world.professional.email,
        "from_email": "old@a.test",
        "to_email": "new@a.test",
        "deleted_email": "old@a.test",
        "signup_url": "https://entrepairs.test/signup/",
        "request": None,
    }
    base = render_to_string("account/email/base_message.txt", context).strip()
    text = render_to_string(name, context).strip()
    assert text and text != base, name
    subject = render_to_string(name.replace("_message.txt", "_subject.txt"), context).strip()
    assert subject, name
