"""A training session held as an event takes its seats through the event only (outside test of
#16: « Mes formations » offered a second « M'inscrire » beside the event's registration): the
page links to the event instead, the API names it, and the enrolment service refuses with the
event's name on every channel. The event's capacity and waiting list are the one home."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.events import services, training_events
from entrepairs.events.models import Event, Kind
from entrepairs.training import selectors as training_selectors
from entrepairs.training import services as training_services
from entrepairs.training.models import TrainingEnrolment, TrainingModule

pytestmark = pytest.mark.django_db

REASON = "This session is held as the event “Première formation”: register or cancel on the event's page."


@pytest.fixture
def held(world: Any, make_event: Any) -> Event:
    """Organisation A's first training, required of its professionals, held as an event."""
    module = training_services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Premiers pas du tuteur",
            audience=TrainingModule.Audience.STAFF,
        ),
        staff_roles=["professional"],
        by=SYSTEM,
    )
    event = make_event(host=world.org_a, kind=Kind.TRAINING, title="Première formation", capacity=1)
    session = training_services.session_schedule(
        module=module, held_on=timezone.localtime(event.starts_at).date(), capacity=1, by=SYSTEM
    )
    return training_events.training_session_link(event=event, session=session, by=world.coordinator)


def test_my_trainings_points_to_the_event(world: Any, held: Event) -> None:
    (row,) = training_selectors.my_trainings(world.professional)
    (offer,) = row.offers
    assert offer.held_as is not None
    assert offer.held_as.title == "Première formation"
    assert offer.held_as.url == reverse("events:detail", args=[held.pk])


def test_the_page_links_to_the_event_and_offers_no_enrol_button(
    world: Any, held: Event, client_for: Any
) -> None:
    assert held.training_session is not None
    client = client_for(world.professional)
    page = client.get("/training/mine/").content.decode()
    assert f'href="/events/{held.pk}/"' in page and "register on the event's page" in page
    assert f"/training/sessions/{held.training_session.pk}/enrol/" not in page
    refused = client.post(f"/training/sessions/{held.training_session.pk}/enrol/", follow=True)
    assert REASON.replace("'", "&#x27;") in refused.content.decode()
    assert not TrainingEnrolment.objects.exists()


def test_the_api_names_the_event_and_refuses_the_enrolment(
    world: Any, held: Event, api_for: Any
) -> None:
    assert held.training_session is not None
    api = api_for(world.professional)
    (row,) = api.get("/api/v1/training/mine/").json()
    assert row["sessions"][0]["event"] == {
        "title": "Première formation",
        "url": f"/events/{held.pk}/",
    }
    refused = api.post(f"/api/v1/training/sessions/{held.training_session.pk}/enrolment/")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["session"] == [REASON]


def test_a_full_event_held_session_sends_to_the_event_s_waiting_list(
    world: Any, held: Event, client_for: Any
) -> None:
    services.register(event=held, by=world.colleague)  # the one seat
    waiting = services.register(event=held, by=world.professional)
    assert waiting.status == "waiting"
    page = client_for(world.professional).get("/training/mine/").content.decode()
    assert f'href="/events/{held.pk}/"' in page
    assert "Full" not in page  # the event's page says where they stand, with its waiting list
