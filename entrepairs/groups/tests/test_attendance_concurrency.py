"""Two facilitators record attendance for the same session at once: nothing is lost, no duplicate.

Runs in real transactions (transactional_db) with two threads, each on its own connection. On
PostgreSQL the session row lock (select_for_update) serialises them; on SQLite the database lock
does. Either way both sets of marks must be there, once each.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone

from .. import services
from ..models import Attendance, Session

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_keeps_both_facilitators_marks_when_they_save_at_once(gw) -> None:
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    second = Person.objects.create(
        organisation=gw.w.org_a, first_name="Sami", last_name="Second", profession="facilitator"
    )
    Membership.objects.create(person=second, organisation=gw.w.org_a, role=Role.FACILITATOR)
    gw.group.facilitators.add(second)
    session = Session.objects.create(
        group=gw.group,
        number=9,
        starts_at=timezone.now() - timedelta(hours=4),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    half = len(gw.members) // 2
    jobs = [
        (
            gw.w.facilitator,
            {m.pk: "present" for m in gw.members[:half]} | {gw.members[0].pk: "absent"},
        ),
        (second, {m.pk: "present" for m in gw.members[half:]} | {gw.members[0].pk: "excused"}),
    ]
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(by, marks) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait(timeout=10)
            for attempt in range(100):
                try:
                    services.attendance_record(session=session, marks=marks, by=by)
                    return
                except OperationalError as exc:
                    # SQLite's in-memory test database (shared cache) answers "table is locked"
                    # at once instead of waiting like a file database's busy timeout: wait and
                    # retry, as the busy timeout would. PostgreSQL waits on the row lock itself.
                    if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 99:
                        raise
                    time.sleep(0.02 * (1 + attempt % 5))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    rows = Attendance.objects.filter(session=session)
    assert rows.count() == len(gw.members)  # every member once: nothing lost, no duplicate
    assert rows.get(member=gw.members[0]).status in ("absent", "excused")  # the later one wins
    assert set(rows.exclude(member=gw.members[0]).values_list("status", flat=True)) == {"present"}
    if connection.vendor == "postgresql":
        assert Session.objects.get(pk=session.pk).status == "held"
