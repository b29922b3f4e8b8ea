"""The admin console in French and read-only, as the README says (outside test of issue 15:
"Administration de Django", "CORE", "MFA", "Authenticators", and add/change pages on groups,
addresses and authenticators)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import Promise

pytestmark = pytest.mark.django_db


def test_every_registration_adds_changes_and_deletes_nothing(world) -> None:
    request = RequestFactory().get("/admin/")
    request.user = world.admin
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


@pytest.mark.parametrize(
    "name",
    ["admin:auth_group_add", "admin:account_emailaddress_add", "admin:mfa_authenticator_add"],
)
def test_the_third_party_add_pages_are_refused(world, client_for, name) -> None:
    assert client_for(world.admin).get(reverse(name)).status_code == 403


def test_every_app_and_model_of_our_own_has_a_translatable_name() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("entrepairs."):
            assert isinstance(config.verbose_name, Promise), config.label
    for model in admin.site._registry:
        if model._meta.app_label in {"core", "accounts", "organisations", "people"}:
            assert isinstance(model._meta.original_attrs.get("verbose_name_plural"), Promise), model


def test_the_console_reads_in_french(world, client_for) -> None:
    client = client_for(world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get("/admin/").content.decode()
    assert "Administration d’Entrepairs" in html and "Administration de Django" not in html
    for english in [
        "Authenticators",
        ">Core<",
        ">MFA<",
        "Periodic ticks",
        "Worker heartbeats",
        "Audit log",
    ]:
        assert english not in html, english
    for french in ["Validation en deux étapes", "Exploitation", "Journal d’audit", "Comptes"]:
        assert french in html, french
    assert 'class="addlink"' not in html and 'class="changelink"' not in html
