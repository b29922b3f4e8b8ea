"""Mentoring pages offer what the rules allow: templates ask named capabilities computed from
rules.py (`can_manage_programme`, `can_see_youths`...), never a role."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "mentoring"
ROLE_FLAG = re.compile(r"\b(is_staff|is_agency|is_coordinator|is_case_worker)\b|\brole\s*==")


def _login(client: Any, person: Any) -> Any:
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_no_mentoring_template_asks_a_role() -> None:
    found = {
        path.name: match.group(0)
        for path in TEMPLATES.glob("*.html")
        if (match := ROLE_FLAG.search(path.read_text()))
    }
    assert found == {}


def test_the_role_check_finds_a_role_flag() -> None:
    """Positive control of the scan above."""
    assert ROLE_FLAG.search("{% if is_staff or is_agency %}")
    assert not ROLE_FLAG.search("{% if can_see_youths %}")


HOME = {
    # who: (manage programmes, list programmes, see youths, see staff training)
    "coordinator": (True, True, True, True),
    "case_worker": (False, True, True, False),
    "mentor": (False, False, False, False),
}


@pytest.mark.parametrize("who", list(HOME))
def test_the_mentoring_home_offers_what_the_rules_allow(mworld, client, who: str) -> None:
    person = {
        "coordinator": mworld.world.coordinator,
        "case_worker": mworld.world.worker_b,
        "mentor": mworld.mentor.person,
    }[who]
    response = _login(client, person).get("/mentoring/")
    assert response.status_code == 200
    names = ("can_manage_programmes", "can_list_programmes", "can_see_youths")
    flags = (*(response.context[n] for n in names), response.context["can_see_staff_training"])
    assert flags == HOME[who]
    html = response.content.decode()
    assert ('id="new-programme"' in html) is HOME[who][0]
    assert ('href="/mentoring/youths/"' in html) is HOME[who][2]


@pytest.mark.parametrize(("who", "manages"), [("coordinator", True), ("worker_b", False)])
def test_a_programme_page_offers_its_management_to_its_coordinators_only(
    mworld, client, who: str, manages: bool
) -> None:
    response = _login(client, getattr(mworld.world, who)).get(
        f"/mentoring/programmes/{mworld.programme.pk}/"
    )
    assert response.status_code == 200
    assert response.context["can_manage_programme"] is manages
    assert ('id="edit-programme"' in response.content.decode()) is manages


@pytest.mark.parametrize(("who", "screens"), [("coordinator", True), ("mentor_self", False)])
def test_a_mentors_page_offers_screening_to_the_programmes_coordinators_only(
    mworld, client, who: str, screens: bool
) -> None:
    person = mworld.world.coordinator if who == "coordinator" else mworld.mentor.person
    response = _login(client, person).get(f"/mentoring/mentors/{mworld.mentor.pk}/")
    assert response.status_code == 200
    assert response.context["can_screen_mentor"] is screens
    assert ('id="screening-form"' in response.content.decode()) is screens
