"""A coach's availability is the person form's half-day tick boxes, checked by the service so
the page and the API refuse the same things (outside test F16: « lundi soir, mon-am » was saved
as typed)."""

import re
from typing import Any

import pytest

from entrepairs.coaching.models import CoachOffer

pytestmark = pytest.mark.django_db


def test_the_offer_page_ticks_half_days_named_not_typed(world: Any, client_for: Any) -> None:
    client = client_for(world.colleague)
    page = client.get("/coaching/offer/").content.decode()
    assert 'type="checkbox" name="availability" value="mon-am"' in page
    assert "Monday morning" in page and "separated by commas: lundi" not in page
    saved = client.post(
        "/coaching/offer/",
        {"capacity": "1", "availability": ["thu-pm", "mon-am"], "active": "on"},
    )
    assert saved.status_code == 302
    offer = CoachOffer.objects.get(person=world.colleague)
    assert offer.availability == ["mon-am", "thu-pm"]  # in the week's order
    again = client.get("/coaching/offer/").content.decode()
    ticked = re.findall(
        r'<input type="checkbox" name="availability" value="([a-z-]+)"[^>]*checked', again
    )
    assert ticked == ["mon-am", "thu-pm"]


def test_the_page_refuses_a_half_day_that_is_not_in_the_list(world: Any, client_for: Any) -> None:
    answer = client_for(world.colleague).post(
        "/coaching/offer/", {"capacity": "1", "availability": ["lundi soir"]}
    )
    assert answer.status_code == 200
    assert not CoachOffer.objects.filter(person=world.colleague).exists()


def test_the_api_refuses_what_the_page_refuses(world: Any, api_for: Any) -> None:
    answer = api_for(world.colleague).post(
        "/api/v1/coaching/offers/mine/",
        {"capacity": 1, "availability": ["lundi soir", "mon-am"]},
        format="json",
    )
    assert answer.status_code == 400
    assert "lundi soir" in str(answer.json())
    assert not CoachOffer.objects.filter(person=world.colleague).exists()
    fine = api_for(world.colleague).post(
        "/api/v1/coaching/offers/mine/", {"capacity": 1, "availability": ["sat-am"]}, format="json"
    )
    assert fine.status_code == 200
    assert CoachOffer.objects.get(person=world.colleague).availability == ["sat-am"]
