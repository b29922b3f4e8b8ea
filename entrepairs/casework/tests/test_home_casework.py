"""Issue 15: a core-team member's home page shows their casework (casework.selectors.own_casework,
the access layer): the open cases they are the guardian of, the decisions they prepare, the
safety checks to do on their cases (late ones say so), the cases they cover during a leave."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db


def test_a_guardian_finds_her_cases_and_checks_on_her_home_page(cw, open_case, client_for) -> None:
    case = open_case()
    services.case_assign(case=case, guardian=cw.w.professional, reason="Allocation", by=SYSTEM)
    check = services.safety_check_schedule(
        case=case, due_on=timezone.localdate() + datetime.timedelta(days=3), by=SYSTEM
    )
    other = open_case(cw.children[1])  # another child, nobody's case yet
    html = client_for(cw.w.professional).get("/").content.decode()
    assert "As a member of a core team" in html
    assert "My cases" in html and reverse("casework:case", args=[case.pk]) in html
    assert "Lina Enfant" in html
    assert reverse("casework:case", args=[other.pk]) not in html
    assert "Safety checks to do" in html
    assert reverse("casework:safety_check", args=[check.pk]) in html
    assert "Decisions to prepare" in html and "Cases I cover during a leave" in html


def test_someone_outside_the_core_teams_has_no_casework_block(cw, open_case, client_for) -> None:
    open_case()
    html = client_for(cw.w.coordinator).get("/").content.decode()
    assert "As a member of a core team" not in html
