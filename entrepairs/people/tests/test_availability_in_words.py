"""Availability is stored as codes ("mon-am") for files and the API, shown in words on pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_person_page_gives_half_days_in_french(world) -> None:
    person = world.colleague
    person.availability = ["mon-am", "sun-pm"]
    person.save(update_fields=["availability"])
    client = Client()
    client.force_login(world.coordinator.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "lundi matin" in page and "dimanche après-midi" in page
    assert "mon-am" not in page and "sun-pm" not in page
