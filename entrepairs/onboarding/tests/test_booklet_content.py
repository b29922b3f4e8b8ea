"""The welcome booklet PDF read through text extraction (its streams are compressed: a byte
search would be blind), and exactly who may download it, in the pages and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_it_writes_the_newcomer_the_day_one_and_the_people_to_know_in_the_booklet(
    world, onb, start, client_for, pdf_text
):
    journey = start(onb.nina, days=3).journey
    response = client_for(onb.nina).get(reverse("onboarding:booklet", args=[journey.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert str(onb.nina) in text
    assert journey.start_date.strftime("%d/%m/%Y") in text
    assert "Association Tutelle Nord" in text
    assert "Paula Pro" in text and "Marc Manager" in text  # the tutor, the line manager


# Those who follow the journey download it; another organisation's coordinator and a colleague
# outside the journey do not see it (404); anonymous: sign-in redirect (page), 401 (API).
WHO = {
    "the newcomer": 200,
    "the tutor": 200,
    "the line manager": 200,
    "the coordinator": 200,
    "a colleague outside the journey": 404,
    "another organisation's coordinator": 404,
}


@pytest.mark.parametrize("who", list(WHO))
def test_it_gives_the_booklet_to_those_who_follow_the_journey(
    world, onb, start, client_for, api_for, who
):
    journey = start(onb.nina, days=3).journey
    person = {
        "the newcomer": onb.nina,
        "the tutor": world.professional,
        "the line manager": world.manager,
        "the coordinator": world.coordinator,
        "a colleague outside the journey": world.colleague,
        "another organisation's coordinator": world.coordinator_b,
    }[who]
    page = client_for(person).get(reverse("onboarding:booklet", args=[journey.pk]))
    assert page.status_code == WHO[who]
    api = api_for(person).get(f"/api/v1/onboarding/journeys/{journey.pk}/booklet/")
    assert api.status_code == WHO[who]


def test_it_asks_an_anonymous_visitor_to_sign_in_for_the_booklet(world, onb, start, client):
    journey = start(onb.nina, days=3).journey
    page = client.get(reverse("onboarding:booklet", args=[journey.pk]))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    api = APIClient().get(f"/api/v1/onboarding/journeys/{journey.pk}/booklet/")
    assert api.status_code == 401
