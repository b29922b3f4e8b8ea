"""Issue 15 §9: turning a mentor down or recording a withdrawal asks first, on the confirmation
page (core/confirm.html), naming the mentor and their open matches; nothing changes until the
confirmation posts `confirmed=1`."""

import pytest

from entrepairs.mentoring.models import Mentor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["withdrawn", "rejected"])
def test_withdrawing_a_mentor_asks_first_naming_the_mentor(mworld, client_for, action) -> None:
    mentor = mworld.mentor
    address = f"/mentoring/mentors/{mentor.pk}/"
    client = client_for(mworld.world.coordinator)
    answer = client.post(address, {"action": action})
    html = answer.content.decode()
    assert answer.status_code == 200
    assert 'id="confirm-action"' in html and "Mona Mentor" in html
    assert 'name="confirmed" value="1"' in html and f'value="{action}"' in html
    assert f'id="confirm-back" href="{address}"' in html
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.APPROVED  # nothing happened yet

    assert client.post(address, {"action": action, "confirmed": "1"}).status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == action


def test_the_confirmation_names_the_open_matches(mworld, active_match, client_for) -> None:
    client = client_for(mworld.world.coordinator)
    html = client.post(
        f"/mentoring/mentors/{mworld.mentor.pk}/", {"action": "withdrawn"}
    ).content.decode()
    assert "Mona M." in html and "Lina C." in html


def test_putting_back_into_the_pipeline_needs_no_confirmation(mworld, client_for) -> None:
    from entrepairs.core.services import SYSTEM
    from entrepairs.mentoring import services

    services.mentor_decide(mentor=mworld.mentor, status="withdrawn", by=SYSTEM)
    client = client_for(mworld.world.coordinator)
    answer = client.post(f"/mentoring/mentors/{mworld.mentor.pk}/", {"action": "applied"})
    assert answer.status_code == 302
