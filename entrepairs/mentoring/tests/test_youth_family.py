"""Issue 14 point 3: a youth file that stays true. The agency records a move (new foster family)
or an adoption from the youth's page and the API, with history; the mentor sees the current
family contact at once, within the agreement, never the previous family's phone; adoption keeps
or ends the match by the youth's and the family's wish and gives the parents the guardian role."""

from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import family, lifecycle
from entrepairs.mentoring.models import Closure, Match, SituationChange, Youth
from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Placement

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"
OLD_PHONE = "0600000000"  # the enrolment's foster parent (conftest)
NEW_PHONE = "0677889900"


@pytest.fixture(autouse=True)
def _placed_since_spring(mworld):  # type: ignore[no-untyped-def]
    """The youth was enrolled today with the placement they had been in since the spring."""
    Placement.objects.filter(child=mworld.youth.person).update(since=date(2026, 4, 1))


def _since() -> date:
    return timezone.localdate() - timedelta(days=1)


def _page_move(client: Any, youth: Youth) -> Any:
    return client.post(
        f"/mentoring/youths/{youth.pk}/",
        {
            "action": "placement",
            "p-kind": "foster_family",
            "p-since": _since().isoformat(),
            "p-family1_first_name": "Nadia",
            "p-family1_last_name": "Nouvelle",
            "p-family1_phone": NEW_PHONE,
            "p-summary_for_mentor": "Nouvelle famille d'accueil.",
        },
    )


def _api_move(api: Any, youth: Youth) -> Any:
    return api.post(
        f"{API}/youths/{youth.pk}/placement/",
        {
            "kind": "foster_family",
            "since": _since().isoformat(),
            "new_family": [{"first_name": "Nadia", "last_name": "Nouvelle", "phone": NEW_PHONE}],
        },
        format="json",
    )


def _mentor_api_view(mworld: Any, api_for: Any, match: Match) -> dict[str, Any]:
    body = api_for(mworld.mentor.person).get(f"{API}/matches/{match.pk}/")
    assert body.status_code == 200
    return dict(body.json()["youths"][0])


@pytest.mark.parametrize("channel", ["page", "api"])
def test_the_agency_changes_the_foster_family_and_the_mentor_sees_the_new_phone_at_once(
    mworld, active_match, client_for, api_for, channel: str
) -> None:
    worker = mworld.world.worker_b
    assert _mentor_api_view(mworld, api_for, active_match)["guardian_phone"] == OLD_PHONE
    if channel == "page":
        response = _page_move(client_for(worker), mworld.youth)
        assert response.status_code == 302, response.content[:2000]
    else:
        response = _api_move(api_for(worker), mworld.youth)
        assert response.status_code == 201, response.content
        assert response.json()["family"][0]["phone"] == NEW_PHONE
    seen = _mentor_api_view(mworld, api_for, active_match)
    assert seen["guardian_phone"] == NEW_PHONE
    mentor_page = client_for(mworld.mentor.person).get(f"/mentoring/matches/{active_match.pk}/")
    assert NEW_PHONE in mentor_page.content.decode()
    assert OLD_PHONE not in mentor_page.content.decode()
    youth = Youth.objects.get(pk=mworld.youth.pk)
    assert youth.guardian is not None and youth.guardian.phone == NEW_PHONE  # the guardian role
    history = list(Placement.objects.filter(child=youth.person).order_by("since"))
    assert history[-1].recorded_by == worker and history[-1].until is None
    assert history[0].until == _since() - timedelta(days=1)


def test_the_history_says_who_recorded_each_placement_and_when(mworld, client_for, api_for) -> None:
    worker = mworld.world.worker_b
    assert _api_move(api_for(worker), mworld.youth).status_code == 201
    rows = api_for(worker).get(f"{API}/youths/{mworld.youth.pk}/placements/").json()
    assert [r["kind"] for r in rows] == ["foster_family", "other"]
    assert rows[0]["recorded_by_name"] == str(worker) and rows[0]["until"] is None
    assert rows[1]["until"] == (_since() - timedelta(days=1)).isoformat()
    page = client_for(worker).get(f"/mentoring/youths/{mworld.youth.pk}/").content.decode()
    assert "Nouvelle" in page and str(worker) in page


def test_a_mentor_sees_no_family_contact_when_the_agreement_does_not_share_it(
    mworld, api_for
) -> None:
    youth = mworld.ready_youth("Cleo", "Autreagence", agency=mworld.org_c)
    Placement.objects.filter(child=youth.person).update(since=date(2026, 4, 1))
    match = lifecycle.match_introduce(
        by=SYSTEM,
        match=lifecycle.match_create(
            by=SYSTEM,
            programme=mworld.programme,
            mentors=[mworld.mentor],
            youths=[youth],
            mode="individual",
        ),
    )
    family.youth_placement_change(
        youth=youth,
        kind="foster_family",
        since=_since(),
        new_family=[{"first_name": "N", "last_name": "Nouvelle", "phone": NEW_PHONE}],
        by=mworld.worker_c,
    )
    seen = _mentor_api_view(mworld, api_for, match)
    assert set(seen) == {"first_name"}  # org_c's agreement shares the first name only


@pytest.mark.parametrize("channel", ["page", "api"])
def test_another_agency_and_the_mentor_may_not_change_the_placement(
    mworld, active_match, client_for, api_for, channel: str
) -> None:
    for outsider in (mworld.worker_c, mworld.mentor.person):
        if channel == "page":
            response = _page_move(client_for(outsider), mworld.youth)
        else:
            response = _api_move(api_for(outsider), mworld.youth)
        assert response.status_code == 404
    assert Placement.objects.filter(child=mworld.youth.person).count() == 1
    history = api_for(mworld.worker_c).get(f"{API}/youths/{mworld.youth.pk}/placements/")
    assert history.status_code == 404


def test_a_refused_move_says_why_next_to_the_field_and_writes_nothing(
    mworld, client_for, api_for
) -> None:
    worker = mworld.world.worker_b
    past = date(2026, 3, 1).isoformat()
    api = api_for(worker).post(
        f"{API}/youths/{mworld.youth.pk}/placement/",
        {
            "kind": "foster_family",
            "since": past,
            "new_family": [{"first_name": "O", "last_name": "Orpheline"}],
        },
        format="json",
    )
    assert api.status_code == 400 and "since" in str(api.json())
    page = client_for(worker).post(
        f"/mentoring/youths/{mworld.youth.pk}/",
        {"action": "placement", "p-kind": "foster_family", "p-since": past},
    )
    assert page.status_code == 200 and "starts after the current one" in page.content.decode()
    assert Placement.objects.filter(child=mworld.youth.person).count() == 1
    assert not Membership.objects.filter(person__last_name="Orpheline").exists()
    refused = LogEntry.objects.filter(
        object_pk=str(mworld.youth.pk), additional_data__event="refused"
    )
    assert refused.count() == 2


# --- adoption -------------------------------------------------------------------------------


def _adopt(api: Any, youth: Youth, youth_wish: str, family_wish: str, **more: Any) -> Any:
    return api.post(
        f"{API}/youths/{youth.pk}/adoption/",
        {
            "adopted_on": _since().isoformat(),
            "new_parents": [
                {"first_name": "Alix", "last_name": "Adoptante", "email": "alix@famille.test"},
                {"first_name": "Sam", "last_name": "Adoptant"},
            ],
            "youth_wish": youth_wish,
            "family_wish": family_wish,
            "wishes": "Entretien avec la jeune et la famille adoptive le même jour.",
            **more,
        },
        format="json",
    )


def test_an_adoption_both_wish_to_keep_keeps_the_match_and_makes_the_parents_guardians(
    mworld, active_match, api_for, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _adopt(api_for(mworld.world.worker_b), mworld.youth, "keep", "keep")
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "adoptive_family"
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE
    assert not Closure.objects.filter(match=active_match).exists()
    youth = Youth.objects.select_related("guardian").get(pk=mworld.youth.pk)
    assert youth.guardian is not None and youth.guardian.last_name == "Adoptante"
    current = Placement.current_for(youth.person)
    assert current is not None
    parents = {p.last_name for p in current.family.all()}
    assert parents == {"Adoptante", "Adoptant"}
    assert (
        Membership.objects.filter(
            person__last_name__in=parents, organisation=mworld.world.org_b, role=Role.GUARDIAN
        ).count()
        == 2
    )
    assert SituationChange.objects.filter(youth=youth, kind="adoption").exists()
    sent = [m for m in mail.outbox if "alix@famille.test" in m.to]
    assert len(sent) == 1
    assert mworld.programme.adoption_note_text() in sent[0].body
    text = f"{sent[0].subject} {sent[0].body}"
    assert "Lina" not in text and "Confidentielle" not in text  # no child's name in an e-mail
    seen = _mentor_api_view(mworld, api_for, active_match)
    assert OLD_PHONE not in str(seen)


@pytest.mark.parametrize(
    ("youth_wish", "family_wish", "kind"),
    [("end", "keep", "youth_wish"), ("keep", "end", "family_wish")],
)
def test_an_adoption_someone_wishes_to_end_proposes_a_closure_with_the_legitimate_reason(
    mworld, active_match, api_for, youth_wish: str, family_wish: str, kind: str
) -> None:
    response = _adopt(api_for(mworld.world.worker_b), mworld.youth, youth_wish, family_wish)
    assert response.status_code == 201, response.content
    closure = Closure.objects.get(match=active_match, status=Closure.Status.PROPOSED)
    assert mworld.programme.reason_kind(closure.reason) == kind  # never a sanction
    assert closure.proposed_by == mworld.world.worker_b
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE  # a second staff member confirms


def test_the_adoption_from_the_page_with_the_current_foster_family_adopting(
    mworld, active_match, client_for
) -> None:
    worker = mworld.world.worker_b
    foster = mworld.youth.guardian
    # The enrolment's foster parent is the family of a foster placement first.
    family.youth_placement_change(
        youth=mworld.youth,
        kind="foster_family",
        since=_since() - timedelta(days=30),
        new_family=[{"first_name": "Fi", "last_name": "Famille", "phone": NEW_PHONE}],
        by=worker,
    )
    response = client_for(worker).post(
        f"/mentoring/youths/{mworld.youth.pk}/",
        {
            "action": "adoption",
            "a-adopted_on": _since().isoformat(),
            "a-current_family_adopts": "on",
            "a-youth_wish": "keep",
            "a-family_wish": "keep",
            "a-wishes": "La jeune et sa famille veulent continuer.",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    current = Placement.current_for(mworld.youth.person)
    assert current is not None and current.kind == "adoptive_family"
    assert [p.last_name for p in current.family.all()] == ["Famille"]
    assert foster is not None and foster.last_name not in [
        p.last_name for p in current.family.all()
    ]


def test_an_adoption_without_parents_or_wishes_is_refused_and_writes_nothing(
    mworld, active_match, api_for, client_for
) -> None:
    worker = mworld.world.worker_b
    api = api_for(worker).post(
        f"{API}/youths/{mworld.youth.pk}/adoption/",
        {
            "adopted_on": _since().isoformat(),
            "youth_wish": "keep",
            "family_wish": "keep",
            "wishes": "Tous d'accord.",
        },
        format="json",
    )
    assert api.status_code == 400 and "new_parents" in str(api.json())
    page = client_for(worker).post(
        f"/mentoring/youths/{mworld.youth.pk}/",
        {"action": "adoption", "a-adopted_on": _since().isoformat(), "a-youth_wish": "keep"},
    )
    assert page.status_code == 200
    assert Placement.objects.filter(child=mworld.youth.person).count() == 1
    assert not SituationChange.objects.filter(youth=mworld.youth, kind="adoption").exists()


@pytest.mark.parametrize("channel", ["page", "api"])
def test_another_agency_and_the_mentor_may_not_record_an_adoption(
    mworld, active_match, client_for, api_for, channel: str
) -> None:
    for outsider in (mworld.worker_c, mworld.mentor.person):
        if channel == "api":
            response = _adopt(api_for(outsider), mworld.youth, "keep", "keep")
        else:
            response = client_for(outsider).post(
                f"/mentoring/youths/{mworld.youth.pk}/",
                {"action": "adoption", "a-adopted_on": _since().isoformat()},
            )
        assert response.status_code == 404
    assert not SituationChange.objects.filter(youth=mworld.youth, kind="adoption").exists()


def test_the_situation_form_no_longer_records_an_adoption_as_a_line(mworld, api_for) -> None:
    response = api_for(mworld.world.worker_b).post(
        f"{API}/youths/{mworld.youth.pk}/situation/",
        {"kind": "adoption", "happened_on": _since().isoformat()},
        format="json",
    )
    assert response.status_code == 400 and "own form" in str(response.json())


def test_an_adoption_ending_in_a_group_match_leaves_the_group_to_staff(mworld, api_for) -> None:
    mentor = mworld.approved_mentor("Gaby", "Groupe", mode="group", capacity=3)
    other = mworld.ready_youth("Noa", "Groupe", mode="group")
    Youth.objects.filter(pk=mworld.youth.pk).update(mode="group")
    group = lifecycle.match_introduce(
        by=SYSTEM,
        match=lifecycle.match_create(
            by=SYSTEM,
            programme=mworld.programme,
            mentors=[mentor],
            youths=[Youth.objects.get(pk=mworld.youth.pk), other],
            mode="group",
        ),
    )
    response = _adopt(api_for(mworld.world.worker_b), mworld.youth, "end", "keep")
    assert response.status_code == 201, response.content
    group.refresh_from_db()
    assert group.status == Match.Status.ACTIVE and not group.closures.exists()
    assert group.events.filter(kind="adoption_end_wished").exists()
