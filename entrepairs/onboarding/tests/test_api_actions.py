"""The day-to-day actions through the API: the same services and rules as the pages."""

import datetime

import pytest
from django.utils import timezone

from entrepairs.onboarding import services
from entrepairs.onboarding.models import ClosingReview, OrgContact, TutorProfile

pytestmark = pytest.mark.django_db


def test_it_runs_a_journey_through_the_api(world, onb, start, api_for):
    journey = start(onb.nina, days=-30).journey
    tutor = api_for(world.professional)
    base = f"/api/v1/onboarding/journeys/{journey.pk}"
    assert (
        tutor.post(f"{base}/phase/", {"phase": "accompany"}, format="json").json()["phase"]
        == "accompany"
    )
    lunch = (journey.start_date + datetime.timedelta(days=1)).isoformat()
    assert (
        tutor.post(f"{base}/first-lunch/", {"first_lunch_on": lunch}, format="json").status_code
        == 200
    )
    intro = journey.introductions.first()
    met = tutor.post(
        f"/api/v1/onboarding/introductions/{intro.pk}/met/",
        {"met_on": journey.start_date.isoformat()},
        format="json",
    )
    assert met.status_code == 200 and met.json()["met_on"] == journey.start_date.isoformat()
    shadow = tutor.post(
        "/api/v1/onboarding/shadowing/",
        {
            "journey": str(journey.pk),
            "colleague": str(world.colleague.pk),
            "date": timezone.localdate().isoformat(),
            "topic": "Evening",
        },
        format="json",
    )
    assert shadow.status_code == 201, shadow.json()
    feedback = tutor.post(
        "/api/v1/onboarding/feedback/",
        {
            "journey": str(journey.pk),
            "kind": "individual",
            "given_on": timezone.localdate().isoformat(),
            "text": "Good week",
        },
        format="json",
    )
    assert feedback.status_code == 201
    closing = tutor.post(f"{base}/close/")
    assert closing.status_code == 400
    assert "mandatory" in closing.json()["error"]["fields"]["non_field_errors"][0]
    # The tutor ticks the tasks they own; the coordinator the others (HR's is unassigned).
    coordinator = api_for(world.coordinator)
    for task in journey.tasks.filter(mandatory=True):
        owner = tutor if task.owner_id == world.professional.pk else coordinator
        assert (
            owner.post(
                f"/api/v1/onboarding/tasks/{task.pk}/done/", {"done": True}, format="json"
            ).status_code
            == 200
        )
    review = tutor.patch(
        f"{base}/review/",
        {
            "autonomy_on": timezone.localdate().isoformat(),
            "progression": "Fine",
            "tutor_process_feedback": "Shorter checklist",
        },
        format="json",
    )
    assert review.status_code == 200
    assert tutor.post(f"{base}/close/").json()["status"] == "closed"
    coordinator = api_for(world.coordinator)
    review_id = ClosingReview.objects.get(journey=journey).pk
    done = coordinator.post(
        f"/api/v1/onboarding/closing-reviews/{review_id}/reviewed/", {"note": "v2"}, format="json"
    )
    assert done.status_code == 200 and done.json()["reviewed_at"]
    assert (
        tutor.post(
            f"/api/v1/onboarding/closing-reviews/{review_id}/reviewed/", {}, format="json"
        ).status_code
        == 403
    )  # the tutor sees the review (200 below) but may not sign it off
    assert tutor.get(f"/api/v1/onboarding/closing-reviews/{review_id}/").status_code == 200
    outsider = api_for(world.coordinator_b).post(
        f"/api/v1/onboarding/closing-reviews/{review_id}/reviewed/", {}, format="json"
    )
    assert outsider.status_code == 404  # another organisation's coordinator does not see it


def test_it_manages_tutors_and_contacts_through_the_api(world, onb, start, api_for):
    start(onb.nina)
    api = api_for(world.coordinator)
    tutors = api.get("/api/v1/onboarding/tutors/").json()["results"]
    assert tutors[0]["load_hours"] == 2 and tutors[0]["newcomers"] == 1
    created = api.post(
        "/api/v1/onboarding/tutors/",
        {"person": str(world.colleague.pk), "trained": True, "allocated_hours": 3},
        format="json",
    )
    assert created.status_code == 201
    assert TutorProfile.objects.get(person=world.colleague).allocated_hours == 3
    contact = api.post(
        "/api/v1/onboarding/contacts/",
        {"organisation": str(world.org_a.pk), "role": "hr", "person": str(world.manager.pk)},
        format="json",
    )
    assert contact.status_code == 201
    assert OrgContact.objects.filter(role="hr", person=world.manager).exists()
    other = api.post(
        "/api/v1/onboarding/contacts/",
        {"organisation": str(world.org_a.pk), "role": "hr", "person": str(world.worker_b.pk)},
        format="json",
    )
    assert other.status_code == 400
    outsider = api_for(world.coordinator_b).post(
        "/api/v1/onboarding/tutors/",
        {"person": str(world.manager.pk), "trained": True},
        format="json",
    )
    assert outsider.status_code == 400
    assert services.tutor_loads([world.professional.pk]) == {world.professional.pk: (2, 1)}
