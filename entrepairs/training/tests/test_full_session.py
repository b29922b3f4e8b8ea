"""A full session offers no « M'inscrire » (outside test of #16): « Mes formations » says
« Full » and why, the API says `full`, and the enrolment service refuses with its reason on
every channel (page message, API 400). One rule: selectors.is_full, read by the service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entrepairs.training import selectors, services
from entrepairs.training.models import TrainingEnrolment

pytestmark = pytest.mark.django_db

REASON = "This session is full: choose another one or ask your coordinator."


@pytest.fixture
def full(world, module):
    """One seat, given by the coordinator to a professional of the organisation."""
    session = services.session_schedule(
        module=module,
        held_on=timezone.localdate() + timedelta(days=10),
        capacity=1,
        place="Lille",
        by=world.coordinator,
    )
    services.session_enrol(session=session, person=world.professional, by=world.coordinator)
    return session


def test_my_trainings_marks_a_full_session_and_not_the_one_i_hold(world, module, full):
    (row,) = selectors.my_trainings(world.coordinator)
    (offer,) = row.offers
    assert offer.session == full and offer.full and not offer.enrolled and offer.held_as is None
    TrainingEnrolment.objects.all().delete()
    services.session_enrol(session=full, person=world.coordinator, by=world.coordinator)
    (offer,) = selectors.my_trainings(world.coordinator)[0].offers
    assert offer.enrolled and not offer.full  # my own seat: I may give it back


def test_the_page_shows_full_instead_of_the_enrol_button(world, module, full, client_for):
    client = client_for(world.coordinator)
    page = client.get("/training/mine/").content.decode()
    assert "Full" in page and "No seat left" in page
    assert f"/training/sessions/{full.pk}/enrol/" not in page
    refused = client.post(f"/training/sessions/{full.pk}/enrol/", follow=True)
    assert REASON in refused.content.decode()
    assert not TrainingEnrolment.objects.filter(person=world.coordinator).exists()


def test_the_api_says_full_and_refuses_with_the_reason(world, module, full, api_for):
    api = api_for(world.coordinator)
    (row,) = api.get("/api/v1/training/mine/").json()
    assert row["sessions"][0]["full"] is True and row["sessions"][0]["event"] is None
    refused = api.post(f"/api/v1/training/sessions/{full.pk}/enrolment/")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["session"] == [REASON]
