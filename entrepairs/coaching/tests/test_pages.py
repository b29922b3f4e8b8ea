"""The coaching pages: the coordinator proposes a coach with the person picker, the pair
confirms and logs a meeting; someone outside the pair and the organisation gets a 404, a
coordinator who may see but not confirm a 403; buttons one may not use are not shown."""

from typing import Any

import pytest
from django.utils import timezone

from entrepairs.coaching.models import CoachingMeeting, CoachPairing, CoachRequest

pytestmark = pytest.mark.django_db


def test_the_coordinator_proposes_and_the_pair_confirms_and_logs(
    world: Any, client_for: Any, offer: Any, asked: CoachRequest
) -> None:
    page = client_for(world.coordinator).get("/coaching/")
    assert "Colin Collegue" in page.content.decode()
    form = client_for(world.coordinator).get(f"/coaching/requests/{asked.pk}/propose/")
    assert 'role="combobox"' in form.content.decode()
    done = client_for(world.coordinator).post(
        f"/coaching/requests/{asked.pk}/propose/", {"coach": str(world.professional.pk)}
    )
    pairing = CoachPairing.objects.get()
    assert done.status_code == 302 and done.url == f"/coaching/pairings/{pairing.pk}/"
    coordinator_view = client_for(world.coordinator).get(done.url).content.decode()
    assert 'id="confirm-button"' not in coordinator_view
    for who in (world.professional, world.colleague):
        client_for(who).post(f"/coaching/pairings/{pairing.pk}/confirm/")
    assert CoachPairing.objects.get().state == "active"
    today = timezone.localdate().isoformat()
    client_for(world.colleague).post(
        f"/coaching/pairings/{pairing.pk}/meetings/", {"date": today, "note": "Premier point"}
    )
    assert CoachingMeeting.objects.get().note == "Premier point"


def test_others_get_404_and_the_coordinator_403(
    world: Any, client_for: Any, pairing: CoachPairing
) -> None:
    url = f"/coaching/pairings/{pairing.pk}/"
    for who in (world.coordinator_b, world.manager):
        assert client_for(who).get(url).status_code == 404
        assert client_for(who).post(url + "confirm/").status_code == 404
    assert (
        client_for(world.coordinator_b)
        .get(f"/coaching/requests/{pairing.request_id}/propose/")
        .status_code
        == 404
    )
    # The coach sees the new tutor's request while their pairing is under way, but only the
    # coordinators propose; someone outside the pair does not see it at all.
    propose = f"/coaching/requests/{pairing.request_id}/propose/"
    assert client_for(world.professional).get(propose).status_code == 403
    assert client_for(world.manager).get(propose).status_code == 404
    assert client_for(world.coordinator).post(url + "confirm/").status_code == 403
    assert (
        client_for(world.manager)
        .get(f"/coaching/organisations/{world.org_a.pk}/settings/")
        .status_code
        == 404
    )


def test_a_coach_over_capacity_is_refused_next_to_the_field(
    world: Any, client_for: Any, pairing: CoachPairing
) -> None:
    from entrepairs.coaching import services

    second = services.coach_ask(by=world.manager)
    answer = client_for(world.coordinator).post(
        f"/coaching/requests/{second.pk}/propose/", {"coach": str(world.professional.pk)}
    )
    assert answer.status_code == 200
    assert "their capacity" in answer.content.decode()
    assert CoachPairing.objects.count() == 1


def test_a_tutor_asks_and_volunteers(world: Any, client_for: Any) -> None:
    client = client_for(world.colleague)
    client.post("/coaching/ask/")
    assert CoachRequest.objects.filter(person=world.colleague, status="open").exists()
    saved = client.post(
        "/coaching/offer/", {"capacity": "2", "languages": "fr, en", "active": "on"}
    )
    assert saved.status_code == 302
    assert "You coach 0 of 2 new tutors at most." in client.get("/coaching/").content.decode()
