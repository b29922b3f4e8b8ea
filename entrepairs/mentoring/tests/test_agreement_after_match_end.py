"""Issue 14 point 3: an agreement records what is shared (its facts and purposes), for how long
(valid until) and when the shared facts leave the mentor's view at the end of a match. Removing
them sooner applies at once; keeping them longer is a widening the other party accepts."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import Match, SharingAgreement

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"


def _end(match: Match, days_ago: int) -> None:
    lifecycle.match_close(
        match=match,
        reason="mentor_moving",
        conversation_on=timezone.localdate(),
        conversation="Le mentor déménage.",
        by=SYSTEM,
    )
    Match.objects.filter(pk=match.pk).update(
        ended_on=timezone.localdate() - timedelta(days=days_ago)
    )


def _mentor_sees(mworld: Any, api_for: Any, client_for: Any, match: Match) -> tuple[Any, str]:
    api = api_for(mworld.mentor.person).get(f"{API}/matches/{match.pk}/").json()
    page = client_for(mworld.mentor.person).get(f"/mentoring/matches/{match.pk}/")
    return api.get("youths"), page.content.decode()


def test_the_mentor_keeps_the_shared_facts_for_the_agreed_days_after_the_end(
    mworld, active_match, api_for, client_for
) -> None:
    assert mworld.agreement.removed_days_after_end == 30
    _end(active_match, days_ago=30)
    youths, page = _mentor_sees(mworld, api_for, client_for, active_match)
    assert youths[0]["first_name"] == "Lina" and "Lina" in page


def test_the_shared_facts_leave_the_mentors_view_after_the_agreed_days(
    mworld, active_match, api_for, client_for
) -> None:
    _end(active_match, days_ago=31)
    youths, page = _mentor_sees(mworld, api_for, client_for, active_match)
    assert youths == [{}]
    assert "0600000000" not in page


def test_removing_sooner_applies_at_once_and_keeping_longer_waits_for_the_agency(
    mworld, api_for
) -> None:
    coordinator = mworld.world.coordinator
    url = f"{API}/agreements/{mworld.agreement.pk}/"
    assert (
        api_for(coordinator).patch(url, {"removed_days_after_end": 0}, format="json").status_code
        == 200
    )
    agreement = SharingAgreement.objects.get(pk=mworld.agreement.pk)
    assert agreement.removed_days_after_end == 0 and not agreement.has_proposal
    body = api_for(coordinator).patch(url, {"removed_days_after_end": 90}, format="json").json()
    assert body["removed_days_after_end"] == 0 and body["proposed_removed_days_after_end"] == 90
    services.agreement_proposal_accept(agreement=agreement, by=mworld.world.coordinator_b)
    agreement.refresh_from_db()
    assert agreement.removed_days_after_end == 90


def test_the_agreements_page_says_when_shared_facts_leave_the_mentors_view(
    mworld, client_for
) -> None:
    page = client_for(mworld.world.coordinator).get(reverse("mentoring:agreements"))
    assert "after 30 days" in page.content.decode()
