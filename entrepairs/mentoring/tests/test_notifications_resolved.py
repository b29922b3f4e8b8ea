"""Mentoring notifications that ask to act stop asking once it is done, whoever did it (outside
test of issue 15, point 2): a closure confirmed or withdrawn, a handover accepted or refused.
Keyed by the record, so another transfer's notification stays open."""

from datetime import date

import pytest

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _open(kind, record):  # type: ignore[no-untyped-def]
    rows = Notification.objects.filter(kind=kind, about=f"{record._meta.label_lower}:{record.pk}")
    assert rows.exists(), (kind, record)
    return [n for n in rows if n.asks_to_act]


def test_a_confirmed_closure_asks_nobody_any_more(mworld, active_match):  # type: ignore[no-untyped-def]
    w = mworld.world
    lifecycle.match_close(
        match=active_match,
        by=w.worker_b,
        reason="mentor_moving",
        conversation_on=date(2026, 11, 20),
        conversation="Mona moves to Lyon; we told Lina together.",
        youth_view="Lina is sad but understands.",
    )
    closure = active_match.closures.get()
    assert _open("mentoring.closure_to_confirm", closure)
    lifecycle.closure_confirm(closure=closure, by=w.coordinator)
    assert not _open("mentoring.closure_to_confirm", closure)


def test_a_decided_handover_asks_no_more_and_another_stays_open(mworld, active_match):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring.models import Youth
    from entrepairs.organisations.models import Membership, Role

    # The receiving agency's coordinator decides handovers.
    Membership.objects.create(
        person=mworld.world.coordinator_b, organisation=mworld.org_c, role=Role.COORDINATOR
    )
    first = lifecycle.youth_transfer(by=SYSTEM, youth=mworld.youth, to_agency=mworld.org_c)
    assert _open("mentoring.transfer_to_decide", first)
    lifecycle.transfer_refuse(transfer=first, reason="Pas de place", by=SYSTEM)
    assert not _open("mentoring.transfer_to_decide", first)
    # A second request for the same youth is a new record: it asks again, on its own.
    second = lifecycle.youth_transfer(by=SYSTEM, youth=mworld.youth, to_agency=mworld.org_c)
    assert _open("mentoring.transfer_to_decide", second)
    lifecycle.transfer_accept(transfer=second, by=SYSTEM)
    assert not _open("mentoring.transfer_to_decide", second)
    # The receiving agency was asked to name a case worker: done once named.
    youth = Youth.objects.get(pk=mworld.youth.pk)
    assert _open("mentoring.youth_joined", youth)
    lifecycle.youth_assign_case_worker(youth=youth, case_worker=mworld.worker_c, by=SYSTEM)
    assert not _open("mentoring.youth_joined", youth)
    assert Organisation.objects.filter(pk=mworld.org_c.pk).exists()
