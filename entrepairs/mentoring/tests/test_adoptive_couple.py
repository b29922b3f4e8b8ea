"""Issue 14 point 3, adoption by a couple: both adoptive parents hold the guardian role for the
match (rules.guardians_of) with the same rights (the match in their list, its page and API as a
guardian, the guardian's check-in link) and the same notification (an e-mail naming no child).
The role follows the placement: once the youth leaves the adoptive family, the second parent has
no more access. A foster placement gives one guardian only (a foster carer's approval is personal).
"""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from entrepairs.accounts.models import User
from entrepairs.core.services import SYSTEM as SYSTEM_ACTOR
from entrepairs.mentoring import family
from entrepairs.mentoring.models import Match, Youth
from entrepairs.mentoring.rules import guardians_of, match_role, viewer_of
from entrepairs.people.models import Person, Placement

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"
PARENTS = (
    {"first_name": "Alix", "last_name": "Adoptante", "email": "alix@famille.test"},
    {"first_name": "Sam", "last_name": "Adoptant", "email": "sam@famille.test"},
)


@pytest.fixture(autouse=True)
def _placed_since_spring(mworld):  # type: ignore[no-untyped-def]
    Placement.objects.filter(child=mworld.youth.person).update(since=date(2026, 4, 1))


def _yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def _adopt_by_api(mworld: Any, api_for: Any) -> Any:
    return api_for(mworld.world.worker_b).post(
        f"{API}/youths/{mworld.youth.pk}/adoption/",
        {
            "adopted_on": _yesterday().isoformat(),
            "new_parents": list(PARENTS),
            "youth_wish": "keep",
            "family_wish": "keep",
            "wishes": "La jeune et ses deux parents adoptifs veulent continuer.",
        },
        format="json",
    )


def _adopt_by_page(mworld: Any, client_for: Any) -> Any:
    alix, sam = PARENTS
    return client_for(mworld.world.worker_b).post(
        f"/mentoring/youths/{mworld.youth.pk}/",
        {
            "action": "adoption",
            "a-adopted_on": _yesterday().isoformat(),
            "a-parent1_first_name": alix["first_name"],
            "a-parent1_last_name": alix["last_name"],
            "a-parent1_email": alix["email"],
            "a-parent2_first_name": sam["first_name"],
            "a-parent2_last_name": sam["last_name"],
            "a-parent2_email": sam["email"],
            "a-youth_wish": "keep",
            "a-family_wish": "keep",
            "a-wishes": "La jeune et ses deux parents adoptifs veulent continuer.",
        },
    )


def _with_account(last_name: str, password: str) -> Person:
    parent = Person.objects.get(last_name=last_name)
    parent.user = User.objects.create_user(parent.email, password)
    parent.save(update_fields=["user"])
    return parent


@pytest.mark.parametrize("channel", ["page", "api"])
def test_both_adoptive_parents_hold_the_guardian_role_and_are_told_alike(
    mworld, active_match, api_for, client_for, django_capture_on_commit_callbacks, channel: str
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if channel == "api":
            assert _adopt_by_api(mworld, api_for).status_code == 201
        else:
            assert _adopt_by_page(mworld, client_for).status_code == 302
    youth = Youth.objects.select_related("person", "guardian").get(pk=mworld.youth.pk)
    assert {p.last_name for p in guardians_of(youth)} == {"Adoptante", "Adoptant"}
    for parent in PARENTS:  # the same e-mail to each, naming no child
        sent = [m for m in mail.outbox if m.to == [parent["email"]]]
        assert len(sent) == 1
        assert mworld.programme.adoption_note.strip() in sent[0].body
        assert "Lina" not in f"{sent[0].subject} {sent[0].body}"
        assert "Confidentielle" not in sent[0].body


def test_the_second_parent_reads_the_match_as_a_guardian_on_the_page_and_the_api(
    mworld, active_match, api_for, client_for, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    password = mworld.world.password
    for last_name in ("Adoptante", "Adoptant"):
        parent = _with_account(last_name, password)
        match = Match.objects.prefetch_related("youths", "mentors").get(pk=active_match.pk)
        assert match_role(viewer_of(parent), match) == "guardian"
        # A token scoped to the programme's organisation (the match's), as for a mentor.
        api = api_for(parent, organisation=active_match.organisation)
        listed = api.get(f"{API}/matches/").json()
        assert [m["id"] for m in listed["results"]] == [str(active_match.pk)]
        shown = api.get(f"{API}/matches/{active_match.pk}/")
        assert shown.status_code == 200 and shown.json()["role"] == "guardian"
        assert "score" not in shown.json()  # a guardian's view, not the staff's
        page = client_for(parent).get(f"/mentoring/matches/{active_match.pk}/")
        assert page.status_code == 200


def test_the_guardians_check_in_link_goes_to_both_adoptive_parents(
    mworld, active_match, api_for, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    checkin = active_match.checkins.get(party="guardian", done_on__isnull=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for(mworld.world.coordinator).post(
            f"{API}/matches/{active_match.pk}/checkin-links/",
            {"checkin": str(checkin.pk)},
            format="json",
        )
    assert answer.status_code == 200 and answer.json() == {"sent_to": 2}
    assert sorted(m.to[0] for m in mail.outbox) == ["alix@famille.test", "sam@famille.test"]


def test_the_second_parent_loses_the_role_when_the_youth_leaves_the_adoptive_family(
    mworld, active_match, api_for, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    sam = _with_account("Adoptant", mworld.world.password)
    family.youth_placement_change(
        youth=mworld.youth,
        kind="childrens_home",
        since=timezone.localdate(),
        by=mworld.world.worker_b,
    )
    youth = Youth.objects.select_related("person", "guardian").get(pk=mworld.youth.pk)
    assert guardians_of(youth) == []
    api = api_for(sam, organisation=active_match.organisation)
    assert api.get(f"{API}/matches/{active_match.pk}/").status_code == 404


def test_a_foster_couple_gives_one_guardian(mworld, active_match) -> None:
    family.youth_placement_change(
        youth=mworld.youth,
        kind="foster_family",
        since=_yesterday(),
        new_family=[
            {"first_name": "Fanny", "last_name": "Accueil", "phone": "0611111111"},
            {"first_name": "Paul", "last_name": "Conjoint", "phone": "0622222222"},
        ],
        by=mworld.world.worker_b,
    )
    youth = Youth.objects.select_related("person", "guardian").get(pk=mworld.youth.pk)
    assert [p.last_name for p in guardians_of(youth)] == ["Accueil"]


def test_both_parents_see_the_meetings_arranged_with_the_family_and_no_other_familys(
    mworld, active_match, api_for, client_for, django_capture_on_commit_callbacks
) -> None:
    from entrepairs.mentoring import lifecycle

    with django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    lifecycle.contact_record(
        match=active_match,
        kind="outing",
        happened_on=timezone.localdate(),
        place="Piscine de Tourcoing",
        arranged_with_guardian=True,
        by=mworld.world.worker_b,
    )
    # Another youth's match, arranged with that youth's own (foster) guardian.
    other_youth = mworld.ready_youth("Noé", "Autre")
    other_mentor = mworld.approved_mentor("Olga", "Autre")
    other = lifecycle.match_introduce(
        by=SYSTEM_ACTOR,
        match=lifecycle.match_create(
            by=SYSTEM_ACTOR,
            programme=mworld.programme,
            mentors=[other_mentor],
            youths=[other_youth],
            mode="individual",
        ),
    )
    lifecycle.contact_record(
        match=other,
        kind="meeting",
        happened_on=timezone.localdate(),
        place="Parc Barbieux",
        arranged_with_guardian=True,
        by=mworld.world.worker_b,
    )
    for last_name in ("Adoptante", "Adoptant"):
        parent = _with_account(last_name, mworld.world.password)
        home = client_for(parent).get("/mentoring/").content.decode()
        shown = client_for(parent).get(f"/mentoring/matches/{active_match.pk}/").content.decode()
        for html in (home, shown):
            assert "Piscine de Tourcoing" in html
            assert "Parc Barbieux" not in html
