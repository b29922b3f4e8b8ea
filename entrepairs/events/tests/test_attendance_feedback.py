"""After the event: the organisers record attendance; attendees give a rating and a comment;
the organisers read the summary. Before the event, or by someone who did not attend, each is
refused with a clear message and nothing is written."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.events import selectors, services
from entrepairs.events.models import Feedback, Registration

pytestmark = pytest.mark.django_db


def _held(event: Any, *people: Any) -> None:
    """Register people while the event was ahead (the rows as registration left them)."""
    for person in people:
        Registration.objects.create(
            event=event, person=person, status="registered", joined_at=timezone.now()
        )


def test_the_organisers_record_attendance_once_the_event_is_over(
    world: Any, make_event: Any, past: Any
) -> None:
    coming = make_event()
    services.register(event=coming, by=world.professional)
    with pytest.raises(ValidationError, match="once the event is over"):
        services.attendance_record(event=coming, present=[], by=world.coordinator)
    _held(past, world.professional, world.colleague)
    present = Registration.objects.get(event=past, person=world.professional)
    with pytest.raises(ValidationError, match="organisers"):
        services.attendance_record(event=past, present=[present.pk], by=world.professional)
    services.attendance_record(event=past, present=[present.pk], by=world.coordinator)
    marks = dict(Registration.objects.filter(event=past).values_list("person_id", "attended"))
    assert marks == {world.professional.pk: True, world.colleague.pk: False}


def test_feedback_comes_from_attendees_after_the_event(
    world: Any, make_event: Any, past: Any
) -> None:
    coming = make_event()
    services.register(event=coming, by=world.professional)
    with pytest.raises(ValidationError, match="once the event is over"):
        services.feedback_give(event=coming, by=world.professional, rating=5)
    _held(past, world.professional, world.colleague)
    services.attendance_record(
        event=past,
        present=[Registration.objects.get(event=past, person=world.professional).pk],
        by=world.coordinator,
    )
    with pytest.raises(ValidationError, match="who attended"):
        services.feedback_give(event=past, by=world.colleague, rating=4)  # marked absent
    with pytest.raises(ValidationError, match="who attended"):
        services.feedback_give(event=past, by=world.manager, rating=4)  # never registered
    with pytest.raises(ValidationError, match="from 1 to 5"):
        services.feedback_give(event=past, by=world.professional, rating=6)
    assert not Feedback.objects.exists()
    services.feedback_give(event=past, by=world.professional, rating=4, comment="Très utile")
    services.feedback_give(event=past, by=world.professional, rating=5, comment="Très utile !")
    summary = selectors.feedback_summary(past)
    assert (summary.count, summary.average, summary.comments) == (1, 5.0, ["Très utile !"])


def test_the_pages_record_attendance_take_feedback_and_show_the_summary(
    world: Any, past: Any, client_for: Any
) -> None:
    _held(past, world.professional, world.colleague)
    row = Registration.objects.get(event=past, person=world.professional)
    assert client_for(world.professional).get(f"/events/{past.pk}/attendance/").status_code == 403
    client = client_for(world.coordinator)
    assert client.get(f"/events/{past.pk}/attendance/").status_code == 200
    client.post(f"/events/{past.pk}/attendance/", {"present": [str(row.pk)]})
    assert Registration.objects.get(pk=row.pk).attended is True
    client = client_for(world.colleague)
    refused = client.post(f"/events/{past.pk}/", {"rating": "2", "comment": "Bof"})
    assert not Feedback.objects.exists() and refused.status_code == 200
    assert "who attended" in refused.content.decode()
    client = client_for(world.professional)
    page = client.get(f"/events/{past.pk}/").content.decode()
    assert 'id="feedback-form"' in page
    client.post(f"/events/{past.pk}/", {"rating": "4", "comment": "Des liens créés"})
    summary = client_for(world.coordinator).get(f"/events/{past.pk}/").content.decode()
    assert "Des liens créés" in summary and "average rating 4" in summary


def test_the_api_records_attendance_and_feedback_with_the_same_rules(
    world: Any, make_event: Any, past: Any, api_for: Any
) -> None:
    coming = make_event()
    services.register(event=coming, by=world.professional)
    member = api_for(world.professional)
    early = member.post(f"/api/v1/events/{coming.pk}/feedback/", {"rating": 5}, format="json")
    assert early.status_code == 400
    assert "once the event is over" in str(early.json()["error"]["fields"])
    _held(past, world.professional, world.colleague)
    row = Registration.objects.get(event=past, person=world.professional)
    path = f"/api/v1/events/{past.pk}/attendance/"
    assert member.post(path, {"present": [str(row.pk)]}, format="json").status_code == 403
    organiser = api_for(world.coordinator)
    assert organiser.post(path, {"present": [str(row.pk)]}, format="json").status_code == 200
    absent = api_for(world.colleague).post(
        f"/api/v1/events/{past.pk}/feedback/", {"rating": 3}, format="json"
    )
    assert absent.status_code == 400 and "who attended" in str(absent.json()["error"]["fields"])
    given = member.post(
        f"/api/v1/events/{past.pk}/feedback/", {"rating": 4, "comment": "Bien"}, format="json"
    )
    assert given.status_code == 201, given.content
    assert member.get(f"/api/v1/events/{past.pk}/feedback-summary/").status_code == 403
    summary = organiser.get(f"/api/v1/events/{past.pk}/feedback-summary/").json()
    assert summary["count"] == 1 and summary["average"] == 4.0 and summary["comments"] == ["Bien"]
    assert past.ends_at < timezone.now() - timedelta(minutes=1)
