"""Who sees an event: a network's events its members and organisers (the networks app's rule);
an organisation's events its people. Everyone else gets a 404, on the pages and in the API."""

from typing import Any

import pytest

from entrepairs.events import selectors

pytestmark = pytest.mark.django_db


def test_a_networks_events_are_seen_by_its_members_only(
    world: Any, make_event: Any, client_for: Any, api_for: Any
) -> None:
    event = make_event()
    assert client_for(world.professional).get(f"/events/{event.pk}/").status_code == 200
    assert api_for(world.professional).get(f"/api/v1/events/{event.pk}/").status_code == 200
    for outsider in (world.coordinator_b, world.worker_b):
        assert client_for(outsider).get(f"/events/{event.pk}/").status_code == 404
        assert api_for(outsider).get(f"/api/v1/events/{event.pk}/").status_code == 404
        assert api_for(outsider).post(f"/api/v1/events/{event.pk}/register/").status_code == 404
        assert client_for(outsider).post(f"/events/{event.pk}/register/").status_code == 404
        assert event not in selectors.events_for(outsider.user)
        assert "Dîner des tuteurs" not in client_for(outsider).get("/events/").content.decode()


def test_an_organisations_events_are_seen_by_its_people(
    world: Any, make_event: Any, client_for: Any, api_for: Any
) -> None:
    event = make_event(host=world.org_b, title="Réunion de l'agence")
    assert client_for(world.worker_b).get(f"/events/{event.pk}/").status_code == 200
    assert client_for(world.professional).get(f"/events/{event.pk}/").status_code == 404
    assert api_for(world.professional).get(f"/api/v1/events/{event.pk}/").status_code == 404
    # The facilitator works for both organisations: a token scoped to A does not see B's event.
    assert (
        api_for(world.facilitator, world.org_b).get(f"/api/v1/events/{event.pk}/").status_code
        == 200
    )
    assert (
        api_for(world.facilitator, world.org_a).get(f"/api/v1/events/{event.pk}/").status_code
        == 404
    )


def test_anonymous_is_sent_to_sign_in_and_the_api_answers_401(make_event: Any, client: Any) -> None:
    event = make_event()
    assert client.get(f"/events/{event.pk}/").status_code == 302
    assert client.get(f"/api/v1/events/{event.pk}/").status_code == 401


def test_the_network_page_lists_its_coming_events(
    world: Any, network: Any, make_event: Any, past: Any, client_for: Any
) -> None:
    make_event(title="Dîner de printemps")
    page = client_for(world.professional).get(f"/networks/{network.pk}/").content.decode()
    assert "Dîner de printemps" in page and "Formation des tuteurs" not in page
    assert [e.title for e in selectors.upcoming_for_network(network, world.professional.user)] == [
        "Dîner de printemps"
    ]
