"""(Messages in French, the default language.) A SIRET is checked by its keys (`organisations.siret`), on the model field: the settings page,
the API and every import that saves an organisation refuse a mistyped one with the same message,
and take one typed with spaces."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from entrepairs.organisations import siret
from entrepairs.organisations.models import Organisation

pytestmark = pytest.mark.django_db

VALID = [
    "73282932000074",  # a real SIRET (Luhn on the SIREN and on the SIRET)
    "12345678200010",
    "356 000 000 00048",  # La Poste, typed with spaces: sum of digits 30
    "35600000049837",  # La Poste, sum of digits 45
]
INVALID = [
    "73282932000075",  # the SIRET's key is wrong
    "12345678900012",  # the SIREN's key is wrong (the old test value)
    "35600000000049",  # La Poste: the sum of digits (31) is no multiple of 5
    "00000000000000",  # passes Luhn, but is nobody
]


@pytest.mark.parametrize("value", VALID)
def test_valid_sirets(value: str) -> None:
    assert siret.is_valid(value)
    siret.validate_siret(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid_sirets(value: str) -> None:
    assert not siret.is_valid(value)
    with pytest.raises(ValidationError) as refused:
        siret.validate_siret(value)
    assert refused.value.messages == ["Ce numéro SIRET n’est pas valide (clé de contrôle)."]


@pytest.mark.parametrize("value", ["1234567820001", "123456782000100", "1234567820001A"])
def test_a_siret_has_14_digits(value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        siret.validate_siret(value)
    assert refused.value.messages == ["Un SIRET compte 14 chiffres."]


def test_the_message_in_french() -> None:
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        siret.validate_siret("73282932000075")
    assert refused.value.messages == ["Ce numéro SIRET n’est pas valide (clé de contrôle)."]


def test_the_model_field_strips_spaces_and_checks_the_keys() -> None:
    org = Organisation(name="Org", slug="org-siret", siret="732 829 320 00074")
    org.full_clean()
    assert org.siret == "73282932000074"
    org.siret = "73282932000075"
    with pytest.raises(ValidationError) as refused:
        org.full_clean()
    assert "siret" in refused.value.message_dict


def _settings(client, org):  # type: ignore[no-untyped-def]
    page = client.get(f"/organisations/{org.pk}/settings/")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data["require_mfa_roles"] = []
    return data


def test_the_settings_page_refuses_a_wrong_key_and_takes_spaces(world, client_for) -> None:
    client = client_for(world.coordinator)
    data = {**_settings(client, world.org_a), "siret": "732 829 320 00075"}
    answer = client.post(f"/organisations/{world.org_a.pk}/settings/", data)
    assert answer.status_code == 200
    assert answer.context["form"].errors["siret"] == [
        "Ce numéro SIRET n’est pas valide (clé de contrôle)."
    ]
    world.org_a.refresh_from_db()
    assert world.org_a.siret == ""
    data["siret"] = "732 829 320 00074"
    answer = client.post(f"/organisations/{world.org_a.pk}/settings/", data)
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else ""
    world.org_a.refresh_from_db()
    assert world.org_a.siret == "73282932000074"


def test_the_api_refuses_a_wrong_key_and_takes_spaces(world, api_for) -> None:
    api = api_for(world.coordinator)
    url = f"/api/v1/organisations/{world.org_a.pk}/"
    answer = api.patch(url, {"siret": "73282932000075"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["siret"] == [
        "Ce numéro SIRET n’est pas valide (clé de contrôle)."
    ]
    world.org_a.refresh_from_db()
    assert world.org_a.siret == ""
    answer = api.patch(url, {"siret": "732 829 320 00074"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["siret"] == "73282932000074"


def test_the_demo_and_test_sirets_are_valid() -> None:
    """The SIRETs the demo gives its training bodies (and the tests copy) pass the check."""
    import inspect

    from entrepairs.contracts import demo_steps

    source = inspect.getsource(demo_steps)
    import re

    found = re.findall(r'siret = "(\d{14})"', source)
    assert found and all(siret.is_valid(value) for value in found)
