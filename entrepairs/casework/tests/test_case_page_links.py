"""Issue 15, point 6: the case page and the audit page show a link only when the viewer may
follow it. Each link is asked as its page asks (selectors.may_open_core_team_page, the case's
"change" permission); here each one is requested: shown if and only if it answers."""

from typing import Any

import pytest
from django.urls import reverse

from .test_team import _audit, four_cases  # noqa: F401  (the fixture)

CASE_LINKS = {
    "casework:cases": lambda case: reverse("casework:cases", args=[case.core_team_id]),
    "casework:incidents": lambda case: reverse("casework:incidents", args=[case.core_team_id]),
    "casework:incident_new": lambda case: reverse(
        "casework:incident_new", args=[case.core_team_id]
    ),
    "casework:safety_schedule": lambda case: reverse("casework:safety_schedule", args=[case.pk]),
    "casework:decision_new": lambda case: reverse("casework:decision_new", args=[case.pk]),
    "casework:placement_change": lambda case: reverse("casework:placement_change", args=[case.pk]),
}


def _shown_and_followable(client_for: Any, who: Any, page: str, target: str) -> tuple[bool, bool]:
    client = client_for(who)
    html = client.get(page).content.decode()
    return f'href="{target}' in html, client.get(target).status_code < 400


@pytest.mark.parametrize("route", CASE_LINKS)
def test_it_shows_a_case_page_link_iff_the_viewer_may_follow_it(
    cw,
    four_cases,  # noqa: F811
    client_for,
    route: str,
) -> None:
    audit = _audit(cw)
    case = audit.sampled_cases.first()
    page, target = reverse("casework:case", args=[case.pk]), CASE_LINKS[route](case)
    member = _shown_and_followable(client_for, cw.w.professional, page, target)
    assert member == (True, True)  # the core team acts on its case
    auditor = _shown_and_followable(client_for, cw.w.manager, page, target)
    assert auditor[0] == auditor[1]
    if route in ("casework:safety_schedule", "casework:decision_new", "casework:placement_change"):
        assert auditor == (False, False)  # an auditor reads the case, does not act on it


def test_it_shows_the_audit_pages_team_link_iff_the_viewer_may_follow_it(
    cw,
    four_cases,  # noqa: F811
    client_for,
) -> None:
    audit = _audit(cw)
    page = reverse("casework:audit", args=[audit.pk])
    target = reverse("casework:audits", args=[audit.core_team_id])
    for who in (cw.w.coordinator, cw.w.manager):
        shown, followable = _shown_and_followable(client_for, who, page, target)
        assert shown == followable, who
    assert _shown_and_followable(client_for, cw.w.coordinator, page, target) == (True, True)
