"""(Messages in French, the default language.) The VAT number and the training declaration number
(NDA) are checked on the model field (`organisations.vat`): the settings page, the API and every
import refuse "hello world" with a French field error, and take a number typed with spaces."""

import inspect
import re

import pytest
from django.core.exceptions import ValidationError

from entrepairs.organisations import vat
from entrepairs.organisations.models import Organisation

pytestmark = pytest.mark.django_db

VALID_VAT = [
    "FR32123456789",  # key (12 + 3 × (123456789 mod 97)) mod 97 = 32
    "FR 32 123 456 789",
    "fr32123456789",
    "FRAB123456789",  # an alphanumeric key: format only
    "DE123456789",
    "BE0123456789",
    "NL123456789B01",
    "IT12345678901",
    "ATU12345678",
]


@pytest.mark.parametrize("value", VALID_VAT)
def test_valid_vat_numbers(value: str) -> None:
    vat.validate_vat_number(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("hello world", "Un numéro de TVA est formé des deux lettres du pays"),
        ("FR33123456789", "la clé ne correspond pas au SIREN (clé attendue\u00a0: 32)"),
        ("FR3212345678", "Un numéro de TVA français est FR"),
        ("DE12345678", "n’a pas le format du pays DE"),
        ("US123456789", "US n’est pas le préfixe d’un numéro de TVA"),
    ],
)
def test_invalid_vat_numbers_say_why_in_french(value: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        vat.validate_vat_number(value)
    assert any(message in said for said in refused.value.messages), refused.value.messages


@pytest.mark.parametrize("value", ["1234567890", "123456789012", "1234567890A", "hello"])
def test_an_nda_has_11_digits(value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        vat.validate_nda(value)
    assert refused.value.messages == [
        "Un numéro de déclaration d’activité (NDA) compte 11 chiffres."
    ]


def test_the_model_fields_normalise_and_check() -> None:
    org = Organisation(
        name="Org",
        slug="org-vat",
        vat_number="fr 32 123 456 789",
        training_declaration_number="32 59 09876 59",
    )
    org.full_clean()
    assert (org.vat_number, org.training_declaration_number) == ("FR32123456789", "32590987659")
    org.vat_number, org.training_declaration_number = "hello world", "12"
    with pytest.raises(ValidationError) as refused:
        org.full_clean()
    assert {"vat_number", "training_declaration_number"} <= set(refused.value.message_dict)


def test_the_api_refuses_hello_world_and_takes_spaces(world, api_for) -> None:  # type: ignore[no-untyped-def]
    api = api_for(world.coordinator)
    url = f"/api/v1/organisations/{world.org_a.pk}/"
    answer = api.patch(url, {"vat_number": "hello world"}, format="json")
    assert answer.status_code == 400
    assert "vat_number" in answer.json()["error"]["fields"]
    answer = api.patch(url, {"training_declaration_number": "123"}, format="json")
    assert answer.status_code == 400
    assert "training_declaration_number" in answer.json()["error"]["fields"]
    world.org_a.refresh_from_db()
    assert world.org_a.vat_number == "" and world.org_a.training_declaration_number == ""
    answer = api.patch(
        url,
        {"vat_number": "FR 32 123 456 789", "training_declaration_number": "325 909 876 59"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["vat_number"] == "FR32123456789"
    assert answer.json()["training_declaration_number"] == "32590987659"


def test_the_settings_page_refuses_hello_world(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.coordinator)
    page = client.get(f"/organisations/{world.org_a.pk}/settings/")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data["require_mfa_roles"] = []
    answer = client.post(
        f"/organisations/{world.org_a.pk}/settings/", {**data, "vat_number": "hello world"}
    )
    assert answer.status_code == 200
    assert "Un numéro de TVA est formé des deux lettres du pays" in " ".join(
        answer.context["form"].errors["vat_number"]
    )
    answer = client.post(
        f"/organisations/{world.org_a.pk}/settings/", {**data, "vat_number": "FR 32 123456789"}
    )
    assert answer.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.vat_number == "FR32123456789"


def test_the_demo_and_test_numbers_are_valid() -> None:
    from entrepairs.contracts import demo_steps
    from entrepairs.contracts.tests import conftest, test_training_documents

    for module in (demo_steps, conftest, test_training_documents):
        source = inspect.getsource(module)
        for value in re.findall(r'training_declaration_number\s*=\s*"([^"]*)"', source):
            vat.validate_nda(value)
        for value in re.findall(r'vat_number\s*=\s*"([^"]*)"', source):
            vat.validate_vat_number(value)
