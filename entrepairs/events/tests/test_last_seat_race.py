"""Thirty people take the last seat at once: exactly one gets it, the 29 others are on the
waiting list, nobody twice (issue 16, bad input).

Real transactions (transactional_db), one thread and one connection per person. On PostgreSQL
the event's row lock (select_for_update in services.register) makes each registration wait for
the previous one's commit; on SQLite (a laptop without PostgreSQL) the database lock does, and
a "locked" answer is retried as a busy timeout would. Marked `once`: bin/test runs it on
PostgreSQL, where the row lock is what is proved."""

import threading
import time
from typing import Any

import pytest
from django.db import OperationalError, connection, connections

from entrepairs.events import services
from entrepairs.events.models import Registration

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.once]

PEOPLE = 30


def test_it_gives_the_last_seat_to_exactly_one_of_thirty(world: Any, make_event: Any) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    event = make_event(capacity=2)
    services.register(event=event, by=world.coordinator)  # one seat left
    people = []
    for n in range(PEOPLE):
        user = User.objects.create_user(f"tuteur{n}@tutelle-nord.test", world.password)
        person = Person.objects.create(
            organisation=world.org_a, first_name=f"Tuteur{n}", last_name="Course", user=user
        )
        Membership.objects.create(person=person, organisation=world.org_a, role=Role.PROFESSIONAL)
        people.append(person)
    barrier = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def run(person: Any) -> None:
        try:
            barrier.wait(timeout=30)
            for attempt in range(400):
                try:
                    services.register(event=event, by=person)
                    return
                except OperationalError as exc:
                    if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 399:
                        raise
                    time.sleep(0.01 * (1 + attempt % 7))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    rows = Registration.objects.filter(event=event, person__in=people)
    assert rows.count() == PEOPLE  # everyone once: no lost write, no duplicate
    assert rows.filter(status="registered").count() == 1  # exactly one winner
    assert rows.filter(status="waiting").count() == PEOPLE - 1
    assert Registration.objects.filter(event=event, status="registered").count() == 2
