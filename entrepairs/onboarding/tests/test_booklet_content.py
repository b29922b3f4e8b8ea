"""The welcome booklet PDF read through text extraction (its streams are compressed: a byte
search would be blind), and exactly who may download it, in the pages and the API."""

import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader
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
    assert date_format(journey.start_date, "DATE_FORMAT") in text
    assert "Association Tutelle Nord" in text
    assert "Paula Pro" in text and "Marc Manager" in text  # the tutor, the line manager
    # Every bullet sits with its item: no run of lone bullets once the text is extracted.
    assert "• " in text and "• •" not in text and not text.rstrip().endswith("•")


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


def _people_section(text: str) -> str:
    return text.split("People to know", 1)[1].split("Places", 1)[0]


def test_it_lists_each_person_once_with_their_roles_phone_and_email(
    world, onb, start, client_for, api_for, pdf_text
):
    """Paula is both tutor and referent, Colin the IT contact and on the introductions tour:
    each is one row, their roles together, with phone and e-mail (issue 14 point 5)."""
    world.professional.phone = "03 20 00 00 01"
    world.professional.save()
    world.colleague.phone = "03 20 00 00 02"
    world.colleague.save()
    journey = start(days=3, referent=world.professional).journey
    for content in (
        client_for(onb.nina).get(reverse("onboarding:booklet", args=[journey.pk])).content,
        api_for(onb.nina).get(f"/api/v1/onboarding/journeys/{journey.pk}/booklet/").content,
    ):
        people = _people_section(pdf_text(content))
        assert people.count("Paula Pro") == 1, people
        assert "Tutor, Referent" in people
        assert "03 20 00 00 01" in people and world.professional.email in people
        assert people.count(str(world.colleague)) == 1
        assert "03 20 00 00 02" in people and world.colleague.email in people
        assert str(onb.nina) not in people  # the newcomer is not a person to know
    # The newcomer's page lists them the same way.
    page = client_for(onb.nina).get(reverse("onboarding:my_journey")).text
    ask = page.split('id="who-to-ask"', 1)[1].split("</ul>", 1)[0]
    assert ask.count("Paula Pro") == 1 and "Tutor, Referent" in ask and "03 20 00 00 01" in ask
    # A phone number is a call link that never breaks across lines (issue 15, outside test).
    assert 'class="phone" href="tel:0320000001"' in ask


def test_the_booklet_is_a_tagged_accessible_pdf_in_french(world, onb, start, client_for, settings):
    journey = start(days=3).journey
    client = client_for(onb.nina)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(reverse("onboarding:booklet", args=[journey.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "fr"
    assert reader.metadata is not None and str(reader.metadata.title).startswith("Livret d")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    tags = _structure(root["/StructTreeRoot"])
    assert tags[0] == "/Document"
    for tag in ("/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI"):
        assert tag in tags, tags
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Les personnes à connaître" in text
    with translation.override("fr"):
        assert date_format(journey.start_date, "DATE_FORMAT") in text  # "3 décembre 2026"
    assert journey.start_date.isoformat() not in text


def _structure(node, out=None):  # type: ignore[no-untyped-def]
    out = [] if out is None else out
    node = node.get_object()
    if "/S" in node:
        out.append(str(node["/S"]))
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            _structure(kid, out)
    return out
