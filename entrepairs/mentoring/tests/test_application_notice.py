"""A mentor application tells the programme's coordinators who applied, with a link to the
applicant's record; many of them gather in one line of the inbox."""

import pytest
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.mentoring import services

pytestmark = pytest.mark.django_db


def _apply(mworld, name: str):  # type: ignore[no-untyped-def]
    return services.mentor_apply(
        programme=mworld.programme,
        first_name=name,
        last_name="Robert",
        email=f"{name.lower()}@mentors.test",
        languages=["fr"],
        interests=["football"],
        region="Lille",
        birth_year=1980,
        mode="individual",
        capacity=1,
        motivation="help",
    )


def test_an_application_names_the_applicant_and_links_to_their_record(mworld, client_for):
    mentor = _apply(mworld, "Paul")
    note = Notification.objects.get(
        kind="mentoring.mentor_application", subject__contains="Paul Robert"
    )
    assert note.recipient == mworld.world.coordinator.user
    assert note.link == reverse("mentoring:mentor", args=[mentor.pk])
    client = client_for(mworld.world.coordinator)
    assert client.get(reverse("notifications:open", args=[note.pk]))["Location"] == note.link
    assert client.get(note.link).status_code == 200


def test_many_applications_gather_in_one_line(mworld, client_for):
    for name in ("Paul", "Lina", "Omar"):
        _apply(mworld, name)
    # Those still waiting (neither read nor done elsewhere) are the inbox's unread line.
    told = (
        Notification.objects.filter(
            recipient=mworld.world.coordinator.user, kind="mentoring.mentor_application"
        )
        .unread()
        .count()
    )
    assert told >= 3
    page = client_for(mworld.world.coordinator).get(reverse("notifications:list"))
    labels = [g.label for g in page.context["inbox"].unread_groups]
    # Mentoring's tests read the source language (the French is checked in core's inbox tests).
    assert f"{told} new mentor applications" in labels


def test_an_examined_application_no_longer_waits_in_the_inbox(mworld):  # type: ignore[no-untyped-def]
    """Issue 15: the notification is resolved by the service that examines the application."""
    from entrepairs.core.services import SYSTEM
    from entrepairs.mentoring.models import ScreeningStep

    waiting = _apply(mworld, "Paul")
    withdrawn = _apply(mworld, "Lina")
    untouched = _apply(mworld, "Omar")
    services.screening_record(
        by=SYSTEM, mentor=waiting, kind=ScreeningStep.Kind.INTERVIEW, outcome="passed"
    )
    services.mentor_decide(mentor=withdrawn, status="withdrawn", by=SYSTEM)

    def asks(mentor):  # type: ignore[no-untyped-def]
        # Keyed by the mentor, not by the kind: the untouched application still asks.
        return Notification.objects.filter(
            kind="mentoring.mentor_application",
            about=f"mentoring.mentor:{mentor.pk}",
            done_at=None,
        ).exists()

    assert not asks(waiting) and not asks(withdrawn)
    assert asks(untouched)
