"""The product's own French error pages, in development too (issue 13, outside test: with DEBUG on,
as bin/demo runs, an unknown address showed Django's yellow debug page in English): 404 and 403
use the product's pages for a signed-in person; the API keeps its JSON error body."""

import json
import re
import uuid

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.fixture
def development(settings):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    settings.LANGUAGE_CODE = "fr"


def test_an_unknown_address_shows_the_french_404_page_to_a_signed_in_person(
    world, client_for, development
) -> None:
    client = client_for(world.coordinator)
    for address in (
        "/nulle-part/",
        f"/groups/{uuid.uuid4()}/",
        f"/groups/contracts/{uuid.uuid4()}/",
        "/static/nope.css",  # bin/demo: WhiteNoise serves static files, an unknown one lands here
    ):
        answer = client.get(address)
        assert answer.status_code == 404, address
        html = answer.content.decode()
        assert "Page introuvable" in html and 'lang="fr"' in html, address
        assert "URLconf" not in html and "technical" not in html.lower()
        assert "Se déconnecter" in html or "Tableau de bord" in html  # the product's frame


def test_static_files_are_served_without_runserver_s_static_handler(client, development) -> None:
    """bin/demo runs `runserver --nostatic`: WhiteNoise serves the files itself."""
    answer = client.get("/static/css/app.css")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).strip()  # type: ignore[attr-defined]


def test_a_refusal_shows_the_french_403_page_in_development(world, client_for, development) -> None:
    answer = client_for(world.professional).get("/audit/")
    assert answer.status_code == 403
    html = answer.content.decode()
    assert "Action non autorisée" in html and 'lang="fr"' in html


def test_the_api_keeps_its_json_404_in_development(world, api_for, development) -> None:
    answer = api_for(world.coordinator).get("/api/v1/nulle-part/")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_the_500_page_is_french_and_needs_no_request() -> None:
    with translation.override("fr"):
        html = render_to_string("500.html")
    assert "Erreur du serveur" in html and "Une erreur s’est produite" in html


# Issue 15 §6: what is served with DEBUG off (production), in French and in English, with a way
# back; the API answers JSON for every error.

PAGES = {
    "fr": {
        404: "Page introuvable",
        403: "Action non autorisée",
        "csrf": "Le formulaire avait expiré",
        405: "Cette adresse n’est pas une page",
        400: "Demande incomprise",
        500: "Erreur du serveur",
        "back": "Retour au tableau de bord",
    },
    "en": {
        404: "Page not found",
        403: "Not allowed",
        "csrf": "The form had expired",
        405: "Not a page",
        400: "Request not understood",
        500: "Server error",
        "back": "Back to the dashboard",
    },
}


def _in(client, language):  # type: ignore[no-untyped-def]
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _product_page(html: str, language: str, title: str) -> None:
    assert f'lang="{language}"' in html
    assert f"<h1>{title}</h1>" in html
    assert 'id="way-back"' in html and PAGES[language]["back"] in html
    assert 'class="topbar"' in html  # the product's frame
    assert "Traceback" not in html and "URLconf" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_serves_the_product_404_page_with_debug_off(world, client_for, language) -> None:
    client = _in(client_for(world.coordinator), language)
    for address in ("/nulle-part/", f"/groups/{uuid.uuid4()}/"):
        answer = client.get(address)
        assert answer.status_code == 404, address
        html = answer.content.decode()
        _product_page(html, language, PAGES[language][404])
        assert address not in html  # never echoes the address asked for


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_serves_the_product_403_page_with_debug_off(world, client_for, language) -> None:
    answer = _in(client_for(world.professional), language).get("/audit/")
    assert answer.status_code == 403
    _product_page(answer.content.decode(), language, PAGES[language][403])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_serves_the_product_page_when_a_form_token_expired(world, language) -> None:
    from django.test import Client

    client = _in(Client(enforce_csrf_checks=True), language)
    client.force_login(world.coordinator.user)
    answer = client.post("/account/sign-out-everywhere/", {})
    assert answer.status_code == 403
    html = answer.content.decode()
    _product_page(html, language, PAGES[language]["csrf"])
    # Outside test F24: the tab said « Action non autorisée » over « Le formulaire avait expiré ».
    assert re.search(r"<title>\s*" + re.escape(PAGES[language]["csrf"]), html)
    # The person's frame, not Django's bare page: the menu and their account link.
    assert 'href="/account/"' in html
    assert world.coordinator.user.is_authenticated  # nothing happened: still signed in
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_serves_the_product_500_page_for_pages(rf, language) -> None:
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)
    with translation.override(language):
        answer = handler(rf.get("/groups/"))
    assert answer.status_code == 500
    html = answer.content.decode()
    _product_page(html, language, PAGES[language][500])


def test_the_api_answers_json_for_every_error_with_debug_off(world, api_for, rf) -> None:
    from django.test import Client
    from django.urls import get_resolver

    api = api_for(world.professional)
    assert api.get("/api/v1/nulle-part/").json()["error"]["code"] == "not_found"
    assert api.get(f"/api/v1/groups/{uuid.uuid4()}/").json()["error"]["code"] == "not_found"

    handler = get_resolver().resolve_error_handler(500)
    answer = handler(rf.get("/api/v1/groups/"))
    assert answer.status_code == 500 and answer["Content-Type"] == "application/json"
    assert json.loads(answer.content)["error"]["code"] == "server_error"

    session = Client(enforce_csrf_checks=True)
    session.force_login(world.coordinator.user)
    refused = session.post("/api/v1/account/sign-out-everywhere/", {})
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_buttons_address_opened_directly_shows_the_product_405_page(
    world, client_for, language
) -> None:
    """Outside test: a POST-only address opened directly answered 405 with an empty body."""
    client = _in(client_for(world.coordinator), language)
    for address in ("/notifications/read-all/",):
        answer = client.get(address)
        assert answer.status_code == 405, address
        assert "POST" in answer["Allow"]
        _product_page(answer.content.decode(), language, PAGES[language][405])
    api = client.get("/api/v1/notifications/read-all/")
    assert api.status_code != 200 and "Entrepairs" not in api.content.decode()[:20]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_page_asked_with_a_value_it_cannot_use_shows_the_product_400_page(
    world, client_for, language
) -> None:
    """Outside test: an unknown export format answered a bare line of text."""
    answer = _in(client_for(world.coordinator), language).get("/people/export/?format=pdf")
    assert answer.status_code == 400
    html = answer.content.decode()
    assert f'lang="{language}"' in html and 'class="topbar"' in html
    assert f"<h1>{PAGES[language][400]}</h1>" in html
    assert ("Format inconnu" if language == "fr" else "Unknown format") in html
    assert 'href="/people/" id="way-back"' in html
