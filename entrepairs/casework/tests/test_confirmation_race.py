"""Two members confirm conflicting allocations of the same core team at once: one wins, the other
is told who confirmed, and no case is half-moved.

Real transactions (transactional_db), two threads each on its own connection. On PostgreSQL the
lock on the core team's row serialises them; on SQLite the database lock does."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections

from entrepairs.casework import services
from entrepairs.casework.models import AllocationProposal, Case

pytestmark = pytest.mark.django_db(transaction=True)


def test_of_two_confirmations_at_the_same_time_one_wins_and_the_other_is_told(cw, open_case):
    for child in cw.children[:4]:
        open_case(child)
    kind = AllocationProposal.Kind.NEW_CASES
    first = services.allocation_propose(team=cw.w.core, kind=kind, by=cw.w.professional)
    second = services.allocation_propose(team=cw.w.core, kind=kind, by=cw.gina)
    barrier = threading.Barrier(2)
    done: list[str] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def run(proposal, by) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait(timeout=10)
            for attempt in range(100):
                try:
                    services.allocation_confirm(proposal=proposal, by=by)
                    done.append(str(by))
                    return
                except ValidationError as exc:
                    refused.append(exc.messages[0])
                    return
                except OperationalError as exc:
                    # SQLite's shared in-memory database answers "locked" at once: wait and retry
                    # as a busy timeout would. PostgreSQL waits on the row lock itself.
                    if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 99:
                        raise
                    time.sleep(0.02 * (1 + attempt % 5))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(first, cw.w.professional)),
        threading.Thread(target=run, args=(second, cw.gina)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(done) == 1 and len(refused) == 1
    assert f"confirmed by {done[0]}" in refused[0]
    statuses = sorted(AllocationProposal.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "superseded"]
    winner = AllocationProposal.objects.get(status="confirmed")
    expected = {m.case_id: m.to_person_id for m in winner.moves.all()}
    assert dict(Case.objects.values_list("pk", "guardian_id")) == expected
