"""Each demo role's home page answers "what do I do today" with the demo data (`load_demo`):
its blocks, with rows that link to where the work is done, in French."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from entrepairs.accounts.models import User

pytestmark = pytest.mark.django_db


def _home(demo: dict[str, str], role: str) -> tuple[Any, dict[str, Any]]:
    client = Client()
    client.force_login(User.objects.get(email=demo[role]))
    page = client.get("/")
    assert page.status_code == 200
    blocks = {b.key: b for s in page.context["sections"] for b in s.blocks}
    return page, blocks


def _sections(page: Any) -> list[str]:
    return [s.role for s in page.context["sections"]]


def _links_shown(page: Any, block: Any) -> None:
    """The block's rows link to their records, and the page shows those links."""
    html = page.content.decode()
    assert block.lines and all(line.link for line in block.lines), block.key
    for line in block.lines:
        assert f'href="{line.link}"' in html, line.link


def test_a_member_sees_their_next_session_and_what_to_prepare(demo):
    page, blocks = _home(demo, "professional")
    # Camille is also in a core team: her casework block (issue 15, outside test) follows.
    assert _sections(page) == ["member", "core_team", "everyone"]
    sessions = blocks["member.next_sessions"]
    assert sessions.count > 0
    _links_shown(page, sessions)
    assert sessions.action is not None and "/situations/new/" in sessions.action.link
    # The date is written in French words, never in ISO ("jeudi 17 décembre 2026, 14 h 00").
    assert re.match(
        r"^[a-z]+ \d{1,2}(er)? [a-zéû]+ \d{4}, \d{1,2}\sh\s\d\d", sessions.lines[0].detail
    )
    client = Client()
    client.force_login(User.objects.get(email=demo["professional"]))
    assert client.get(sessions.action.link).status_code == 200  # the member may bring one


def test_a_facilitator_sees_the_sessions_to_run_and_the_attendance_to_record(demo):
    page, blocks = _home(demo, "facilitator")
    assert _sections(page) == ["facilitator", "everyone"]
    _links_shown(page, blocks["facilitator.sessions_to_run"])
    left = blocks["facilitator.attendance_to_record"]
    assert left.count == len(left.lines) == 0
    assert "Toutes les présences sont saisies." in page.content.decode()


def test_a_coordinator_sees_what_is_late_or_waiting(demo):
    page, blocks = _home(demo, "coordinator")
    assert _sections(page) == ["coordinator", "everyone"]
    assert set(blocks) >= {
        "coordinator.late_journey_tasks",
        "coordinator.kits_not_ready",
        "coordinator.composition_proposals",
        "coordinator.youths_without_mentor",
        "coordinator.groups_below_size",
        "coordinator.invoices_due",
    }
    for key in ("late_journey_tasks", "kits_not_ready", "youths_without_mentor", "invoices_due"):
        assert blocks[f"coordinator.{key}"].count > 0, key
        _links_shown(page, blocks[f"coordinator.{key}"])
    # Five rows at most; the count says how many in all.
    late = blocks["coordinator.late_journey_tasks"]
    assert len(late.lines) == 5 < late.count
    assert f"{late.count} en tout" in page.content.decode()


def test_a_manager_sees_their_staffs_attendance_and_their_newcomers(demo):
    page, blocks = _home(demo, "manager")
    assert _sections(page) == ["manager", "core_team", "everyone"]
    staff = blocks["manager.staff_attendance"]
    assert staff.count > 0 and staff.lines[0].detail.startswith("présences\u00a0: ")
    _links_shown(page, staff)
    _links_shown(page, blocks["manager.newcomers"])


def test_a_case_worker_sees_their_youths(demo):
    page, blocks = _home(demo, "case_worker")
    assert _sections(page) == ["case_worker", "everyone"]
    youths = blocks["case_worker.youths"]
    assert youths.count > 0
    _links_shown(page, youths)
    assert "case_worker.changes" in blocks


def test_a_newcomer_sees_their_journey(demo):
    page, blocks = _home(demo, "newcomer")
    assert _sections(page) == ["newcomer", "everyone"]
    journey = blocks["newcomer.journey"]
    # What to do today comes first (outside test F26): the journey's next task not done, the
    # day it is due (in words) and the page that tells it.
    from entrepairs.onboarding.models import Journey

    own = Journey.objects.get(newcomer__user__email=demo["newcomer"])
    step = own.tasks.filter(done_at=None).order_by("due_date", "title").first()
    assert step is not None
    first = journey.lines[0]
    assert first.text == f"Prochaine étape\xa0: {step.title}"
    assert re.match(
        r"^(à faire pour le|en retard depuis le) \d{1,2}(er)? [a-zéû]+ \d{4}$", first.detail
    )
    assert first.link == "/onboarding/me/#h-next"
    assert f'href="{first.link}"' in page.content.decode()
    assert journey.lines[1].text.startswith("Étape\xa0: ")
    assert journey.lines[1].link == "/onboarding/me/"


def test_the_platform_administrator_sees_the_organisations_and_the_platforms_health(demo):
    page, blocks = _home(demo, "admin")
    assert _sections(page) == ["platform_admin", "everyone"]
    organisations = blocks["admin.organisations"]
    assert organisations.count >= 3
    _links_shown(page, organisations)
    health = [line.text for line in blocks["admin.health"].lines]
    assert health == [
        "Base de données",
        "Cache",
        "Tâches de fond",
        "Tâches en attente et en échec",
    ]
    jobs = blocks["admin.health"].lines[-1]
    assert jobs.link == reverse("jobs:list") and "en attente" in jobs.detail
    assert f'href="{jobs.link}"' in page.content.decode()


def test_the_administration_is_linked_for_staff_only(demo):
    """Issue 15: the administrator's home leads to the Django admin, which opens to active staff
    only; a superuser without staff status is not sent to a page that turns them away."""
    page, blocks = _home(demo, "admin")
    assert blocks["admin.health"].link == "/admin/"
    assert 'href="/admin/"' in page.content.decode()
    client = Client()
    client.force_login(User.objects.get(email=demo["admin"]))
    assert client.get("/admin/").status_code == 200
    User.objects.filter(email=demo["admin"]).update(is_staff=False)
    page, blocks = _home(demo, "admin")
    assert blocks["admin.health"].link == ""
    assert 'href="/admin/"' not in page.content.decode()
    # A staff account that is not the platform administrator gets the way in, nobody else.
    User.objects.filter(email=demo["coordinator"]).update(is_staff=True)
    page, blocks = _home(demo, "coordinator")
    assert blocks["staff.administration"].link == "/admin/"
    for role in ("manager", "expert", "auditor"):
        page, blocks = _home(demo, role)
        assert "staff.administration" not in blocks
        assert 'href="/admin/"' not in page.content.decode()


def test_an_expert_sees_the_decisions_waiting_for_their_advice(demo):
    page, blocks = _home(demo, "expert")
    assert _sections(page) == ["expert", "everyone"]
    waiting = blocks["expert.advice_waiting"]
    assert waiting.count > 0
    _links_shown(page, waiting)
    assert all(line.link.startswith("/casework/decisions/") for line in waiting.lines)
    assert " · demandé le " in waiting.lines[0].detail
    assert waiting.link == "/casework/expert/"
    assert "Décisions en attente de votre avis" in page.content.decode()


def test_an_auditor_sees_the_audits_to_conduct(demo):
    page, blocks = _home(demo, "auditor")
    assert "auditor" in _sections(page)
    audits = blocks["auditor.audits"]
    assert audits.count > 0
    _links_shown(page, audits)
    assert audits.lines[0].link.startswith("/casework/audits/")
    assert re.search(r"\d+ dossiers? tirés? au sort · jusqu’au ", audits.lines[0].detail)
    assert "Audits à mener" in page.content.decode()


def test_the_api_answers_the_same_blocks_as_the_page(demo):
    page, blocks = _home(demo, "coordinator")
    client = Client()
    client.force_login(User.objects.get(email=demo["coordinator"]))
    body = client.get("/api/v1/home/").json()
    keys = {b["key"]: b for s in body["sections"] for b in s["blocks"]}
    assert set(keys) == set(blocks)
    late = keys["coordinator.late_journey_tasks"]
    assert late["count"] == blocks["coordinator.late_journey_tasks"].count
    assert late["lines"][0]["link"] == blocks["coordinator.late_journey_tasks"].lines[0].link


@pytest.mark.parametrize(
    "role",
    [
        "professional",
        "facilitator",
        "coordinator",
        "manager",
        "case_worker",
        "newcomer",
        "admin",
        "expert",
        "auditor",
    ],
)
def test_every_link_of_a_home_page_opens_for_its_viewer(demo, role):
    """No block leads a viewer to a page they may not open (a 403 or 404 would stop them)."""
    page, blocks = _home(demo, role)
    client = Client()
    client.force_login(User.objects.get(email=demo[role]))
    links = {block.link for block in blocks.values()}
    links |= {line.link for block in blocks.values() for line in block.lines if line.link}
    links |= {block.action.link for block in blocks.values() if block.action}
    refused = {}
    for link in sorted(links):
        status = client.get(link).status_code
        if status >= 400:
            refused[link] = status
    assert refused == {}
