"""Content-Security-Policy without 'unsafe-inline' or third-party origin, and no-store on every
answer but static files (issue 10, "Sessions and headers")."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(django_settings.BASE_DIR) / "entrepairs"


def policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_it_sends_a_strict_policy_with_a_fresh_nonce_on_pages(world, client_for):
    client = client_for(world.coordinator)
    first, second = client.get(reverse("people:list")), client.get(reverse("people:list"))
    assert first.status_code == 200
    csp = policy(first)
    assert "Content-Security-Policy-Report-Only" not in first
    assert "'unsafe-inline'" not in first["Content-Security-Policy"]
    assert "'unsafe-eval'" not in first["Content-Security-Policy"]
    assert not re.search(r"https?://", first["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
    # This page needs no nonce: none is sent, so nothing inline may run at all.
    assert csp["script-src"] == csp["style-src"] == ["'self'"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_it_serves_pages_whose_scripts_and_styles_the_policy_allows(world, client_for):
    html = client_for(world.coordinator).get(reverse("people:list")).content.decode()
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == []
    assert re.findall(r"<style\b", html) == []
    assert re.findall(r"\sstyle=\"", html) == []
    assert re.findall(r"\son[a-z]+=", html) == []


def test_it_keeps_every_template_free_of_inline_code():
    """The policy forbids inline event handlers, style attributes and unnonced blocks: catch them
    in the templates, where a page test may never render them."""
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"\sstyle=\"",
            r"\son[a-z]+=\"",
            r"hx-on",
            r"<script(?![^>]*\s(src|nonce)=)[^>]*>",
            r"<style(?![^>]*\snonce=)[^>]*>",
            r"javascript:",
        ):
            found += [f"{path.relative_to(TEMPLATES)}: {m}" for m in re.findall(pattern, text)]
    assert found == []


def test_it_serves_the_api_docs_under_the_policy(world, client_for):
    response = client_for(world.coordinator).get(reverse("api-docs"))
    again = client_for(world.coordinator).get(reverse("api-docs"))
    assert response.status_code == 200
    assert policy(response)["style-src"] != policy(again)["style-src"]  # a fresh nonce each time
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)  # type: ignore[union-attr]
    assert re.findall(r"<style(?![^>]*nonce=\"" + re.escape(nonce) + r"\")", html) == []
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == []
    assert not re.search(r"src=\"https?://", html)
    script = client_for(world.coordinator).get(reverse("api-docs") + "?script")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_it_forbids_storing_pages_and_api_answers(world, client_for, api_for):
    page = client_for(world.coordinator).get(reverse("people:list"))
    api = api_for(world.coordinator).get("/api/v1/people/")
    anonymous = client_for(world.coordinator).get(reverse("account_login"))
    for response in (page, api, anonymous):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_it_lets_static_files_be_cached(client):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from entrepairs.core.middleware import NoStoreMiddleware

    request = RequestFactory().get(django_settings.STATIC_URL + "css/app.css")
    response = NoStoreMiddleware(lambda r: HttpResponse("body"))(request)
    assert not response.has_header("Cache-Control")
