"""A phone number is a phone number on every channel: the person page, the API, the family
contacts registered from a child's file (an outside tester saved « pas un numéro <script> »)."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.services import SYSTEM
from entrepairs.people.models import validate_phone
from entrepairs.people.placements import family_contact_add

GOOD = ["06 12 34 56 78", "+33 6 12 34 56 78", "03.20.12.34.56", "0612345678", "(0)3 20 12 34 56"]
BAD = ["pas un numéro <script>", "0611", "06 12 34 56 78 poste", "12+34567890", "+" + "1" * 25]


@pytest.mark.parametrize("value", GOOD)
def test_it_takes_phone_numbers_as_people_write_them(value) -> None:
    validate_phone(value)


@pytest.mark.parametrize("value", BAD)
def test_it_refuses_what_is_not_a_phone_number(value) -> None:
    with pytest.raises(ValidationError):
        validate_phone(value)


def test_a_family_contact_with_a_bad_phone_is_refused_by_the_service(world) -> None:
    with pytest.raises(ValidationError) as refused:
        family_contact_add(
            child=world.worker_b, first_name="F", last_name="Famille", phone="<b>x</b>", by=SYSTEM
        )
    assert "phone" in refused.value.message_dict


def test_the_api_refuses_a_bad_phone_next_to_the_field(world, api_for) -> None:
    answer = api_for(world.coordinator).patch(
        f"/api/v1/people/{world.professional.pk}/", {"phone": "appelez-moi"}, format="json"
    )
    assert answer.status_code == 400 and "phone" in answer.json()["error"]["fields"]
    world.professional.refresh_from_db()
    assert world.professional.phone != "appelez-moi"
