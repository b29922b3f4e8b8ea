"""Demo data for events: the regional network's coming dinner (full, with a waiting list), the
first training of new tutors where they meet experienced ones (seed 000), a webinar, and a past
meeting with its attendance and feedback. Built through the services, after networks' step."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def events_demo(world: Any) -> None:
    from django.utils import timezone

    from entrepairs.core.services import SYSTEM
    from entrepairs.networks.models import Network

    from . import services
    from .models import Kind, Registration

    network = Network.objects.filter(name="Réseau des tuteurs des Hauts-de-France").first()
    if network is None:
        return
    people = world.people
    coordinator = people["coordinator"]
    dinner = services.event_create(
        by=coordinator,
        network=network,
        kind=Kind.DINNER,
        title="Dîner des tuteurs de la région",
        place="Lille, brasserie de la Treille",
        starts_at=_at(12, 19, 30),
        ends_at=_at(12, 22, 30),
        capacity=2,
        description="Faire connaissance entre tuteurs de structures différentes, autour d'un dîner.",
    )
    for key in ("professional", "facilitator", "case_worker"):
        services.register(event=dinner, by=people[key])  # the third waits for a seat
    training = services.event_create(
        by=coordinator,
        network=network,
        kind=Kind.TRAINING,
        title="Première formation des nouveaux tuteurs",
        place="Lille, siège de l'Association Tutelle Nord",
        starts_at=_at(20, 9),
        ends_at=_at(20, 17),
        capacity=15,
        description=(
            "Apprendre les bases du tutorat et rencontrer des tuteurs expérimentés qui "
            "pourront devenir vos coachs."
        ),
    )
    services.register(event=training, by=people["professional"])
    services.event_create(
        by=coordinator,
        network=network,
        kind=Kind.WEBINAR,
        title="Webinaire : accueillir un nouveau tuteur",
        video_link="https://visio.example.org/reseau-tuteurs",
        starts_at=_at(30, 12, 30),
        ends_at=_at(30, 13, 30),
    )
    meeting = services.event_create(
        by=SYSTEM,
        network=network,
        kind=Kind.MEETING,
        title="Rencontre de rentrée du réseau",
        place="Arras, maison des associations",
        starts_at=_at(-14, 14),
        ends_at=_at(-14, 17),
        capacity=20,
        already_held=True,
    )
    # Registered while it was ahead (registration refuses an event already started).
    rows = [
        Registration.objects.create(
            event=meeting, person=people[key], status="registered", joined_at=timezone.now()
        )
        for key in ("professional", "facilitator", "case_worker")
    ]
    services.attendance_record(event=meeting, present=[r.pk for r in rows[:2]], by=coordinator)
    services.feedback_give(
        event=meeting,
        by=people["professional"],
        rating=5,
        comment="Des échanges très utiles avec des tuteurs d'autres structures.",
    )
    services.feedback_give(event=meeting, by=people["facilitator"], rating=4)
    world.log("  events: 4 network events (a full dinner with a waiting list, a training)")


def training_event_demo(world: Any) -> None:
    """The first training of new tutors is held as a session of « Premiers pas du tuteur » (the
    training demo's module) and two experienced tutors (coaches of the coaching demo) are invited
    on its seats for them. After training's and coaching's steps."""
    from entrepairs.core.services import SYSTEM
    from entrepairs.training import services as training_services
    from entrepairs.training.models import TrainingModule

    from . import services, training_events
    from .models import Event

    event = Event.objects.filter(title="Première formation des nouveaux tuteurs").first()
    coordinator = world.people.get("coordinator")
    if event is None or coordinator is None:
        return
    module = TrainingModule.objects.filter(
        organisation_id=coordinator.organisation_id, name="Premiers pas du tuteur"
    ).first()
    if module is None:
        return
    session = training_services.session_schedule(
        module=module,
        held_on=timezone_day(event),
        place=event.place,
        trainer="Tuteurs expérimentés du réseau",
        capacity=event.capacity,
        by=SYSTEM,
    )
    training_events.training_session_link(event=event, session=session, by=SYSTEM)
    services.event_update(event=event, by=SYSTEM, experienced_seats=4)
    for coach in training_events.invitable_experienced_tutors(event)[:2]:
        training_events.experienced_tutor_invite(event=event, person=coach, by=SYSTEM)
    world.log("  events: the first training of new tutors held as a training session")


def timezone_day(event: Any) -> Any:
    from django.utils import timezone

    return timezone.localtime(event.starts_at).date()


SMALL_STEPS = [events_demo]
LATE_SMALL_STEPS = [training_event_demo]
