"""A child who is both a case (casework) and a mentee (mentoring) has one placement history
(DECISIONS, "One home for each shared thing"): a move recorded by either module is seen by the
other at once, on the pages and in the API, and the mentor's view follows it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from entrepairs.casework import services as casework
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import family
from entrepairs.people.models import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(mworld):  # type: ignore[no-untyped-def]
    """The youth of org_b is also a case of org_b's core team, followed by Berthe."""
    world = mworld.world
    casework.member_profile_save(
        person=world.worker_b, fte=Decimal("1.00"), max_caseload=12, by=SYSTEM
    )
    Placement.objects.filter(child=mworld.youth.person).update(since=date(2026, 4, 1))
    return casework.case_open(
        team=world.team_b,
        child=mworld.youth.person,
        birth_date=mworld.youth.birth_date,
        opened_on=date(2026, 4, 1),
        by=SYSTEM,
    )


def _yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def test_a_move_recorded_in_casework_is_seen_in_mentoring(
    mworld, case, active_match, client_for, api_for
) -> None:
    worker = mworld.world.worker_b
    family.youth_placement_change(
        youth=mworld.youth,
        kind="foster_family",
        since=_yesterday() - timedelta(days=10),
        new_family=[{"first_name": "Fanny", "last_name": "Famille", "phone": "0644556677"}],
        by=worker,
    )
    mentor = api_for(mworld.mentor.person).get(f"/api/v1/mentoring/matches/{active_match.pk}/")
    assert mentor.json()["youths"][0]["guardian_phone"] == "0644556677"
    response = api_for(worker).post(
        f"/api/v1/casework/cases/{case.pk}/placement/",
        {"kind": "childrens_home", "since": _yesterday().isoformat(), "note": "Maison Lumière"},
        format="json",
    )
    assert response.status_code == 201, response.content
    youth_page = client_for(worker).get(f"/mentoring/youths/{mworld.youth.pk}/").content.decode()
    assert "Maison Lumière" in youth_page
    rows = api_for(worker).get(f"/api/v1/mentoring/youths/{mworld.youth.pk}/placements/").json()
    assert rows[0]["kind"] == "childrens_home" and rows[0]["note"] == "Maison Lumière"
    # The foster family left behind no longer holds the guardian role nor shows to the mentor.
    mentor = api_for(mworld.mentor.person).get(f"/api/v1/mentoring/matches/{active_match.pk}/")
    assert "0644556677" not in str(mentor.json()["youths"])
    mworld.youth.refresh_from_db()
    assert mworld.youth.guardian is None


def test_a_move_recorded_in_mentoring_is_seen_on_the_case(
    mworld, case, client_for, api_for
) -> None:
    worker = mworld.world.worker_b
    family.youth_placement_change(
        youth=mworld.youth,
        kind="foster_family",
        since=_yesterday(),
        new_family=[{"first_name": "Nadia", "last_name": "Nouvelle", "phone": "0677889900"}],
        note="Rue des Tilleuls",
        by=worker,
    )
    case_page = client_for(worker).get(f"/casework/cases/{case.pk}/").content.decode()
    assert "Nadia Nouvelle" in case_page and "0677889900" in case_page
    body = api_for(worker).get(f"/api/v1/casework/cases/{case.pk}/").json()
    assert body["placements"][0]["kind"] == "foster_family"
    assert body["placements"][0]["family"][0]["phone"] == "0677889900"
    assert body["placements"][0]["recorded_by"] == str(worker.pk)
    assert body["placements"][1]["until"] == (_yesterday() - timedelta(days=1)).isoformat()
