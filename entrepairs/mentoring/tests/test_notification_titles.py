"""Mentoring notifications name the match ("Match Lina C. – Mona M.") or the youth in the inbox's
headline, as each recipient may see them, and no youth in the e-mail (DECISIONS.md
"Confidentiality")."""

import pytest
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.notifying import assert_named_in_app_only, worded
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring import notification_kinds as kinds

pytestmark = pytest.mark.django_db


def _told(kind, person):  # type: ignore[no-untyped-def]
    return Notification.objects.filter(kind=kind.code, recipient=person.user).latest("created_at")


def test_an_introduced_match_is_named_for_its_case_worker_and_its_mentor(
    mworld, active_match
) -> None:
    youth = mworld.youth.person
    worker = _told(kinds.MATCH_INTRODUCED, mworld.world.worker_b)
    assert worker.headline == "Match Lina C. – Mona M. starts"
    assert worded(worker)["fr"].startswith("Jumelage Lina C. – Mona M.")  # the reader's language
    assert_named_in_app_only(worker, youth)
    # A mentor is shown the youth through the agreement only, never by the match's name.
    mentor = _told(kinds.MATCH_INTRODUCED, mworld.mentor.person)
    assert mentor.headline == "Match … – Mona M. starts"
    assert "Lina" not in "".join(mentor.email_text())


def test_a_match_needing_attention_is_named_for_the_coordinators_in_the_app_only(
    mworld, active_match
) -> None:
    import datetime

    later = timezone.localdate() + datetime.timedelta(days=400)
    assert lifecycle.alerts_refresh(today=later) > 0
    told = _told(kinds.MATCH_ATTENTION, mworld.world.coordinator)
    assert told.headline == "Match Lina C. – Mona M. needs attention"
    assert_named_in_app_only(told, mworld.youth.person)


def test_a_transfer_names_the_youth_to_the_sending_side_only(mworld, active_match) -> None:
    from entrepairs.organisations.models import Membership, Role

    youth = mworld.youth
    Membership.objects.create(
        person=mworld.worker_c, organisation=mworld.org_c, role=Role.COORDINATOR
    )
    transfer = lifecycle.youth_transfer(youth=youth, to_agency=mworld.org_c, by=SYSTEM)
    # The receiving agency sees no name before it accepts: the sending agency is named.
    asked = _told(kinds.TRANSFER_TO_DECIDE, mworld.worker_c)
    assert asked.headline == f"A youth transfer from {mworld.world.org_b} waits for your decision"
    assert "Lina" not in asked.headline + "".join(asked.email_text())
    lifecycle.transfer_accept(transfer=transfer, by=SYSTEM)
    sender = _told(kinds.TRANSFER_ANSWERED, mworld.world.worker_b)
    assert sender.headline == f"{mworld.org_c} accepted the handover of the file of Lina C."
    assert_named_in_app_only(sender, youth.person)
    joined = _told(kinds.YOUTH_JOINED, mworld.worker_c)
    assert joined.headline == "Lina C. joined your agency with a mentoring match"
    assert_named_in_app_only(joined, youth.person)
