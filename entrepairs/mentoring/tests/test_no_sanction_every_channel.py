"""Issue 14 point 1, second pass (an outside tester's findings): every free text that says why a
match ends, pauses, or is kept or stopped goes through the one rule (sanctions.refuse_sanctions,
which calls the reader), whatever the channel: the closure's youth's view, the safeguarding
follow-up's outcome, the pause reason, the adoption's wishes; the closure reasons an organisation
names are read by the label rule (reason_labels). One rule decides who confirms a closure
(rules.may_confirm_closure), read by the service, the page's button and the API; a closure
already decided, a follow-up or a kit tick by the wrong person, each says why and who can."""

from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from entrepairs.accounts.models import User
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import Closure, Match, SafeguardingReview
from entrepairs.mentoring.models.programmes import DEFAULT_CLOSURE_REASONS
from entrepairs.mentoring.reason_labels import read_reason_label
from entrepairs.mentoring.reasons import kind_of
from entrepairs.mentoring.sanctions import REFUSED
from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person, Placement

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"
RULE = "never withdrawn as a sanction"
YOUTH_VIEW_SANCTION = (
    "Il a été exclu du parrainage à cause de son comportement au foyer, c'est une punition."
)
OUTCOME_SANCTION = "On suspend le parrainage jusqu'à ce qu'il arrête de fuguer, pour le punir."
# The tester's own text (« La famille adoptive … »): an adoption named no longer clears a note
# whose reason is the youth's conduct (punitive._other_cause).
WISHES_SANCTION = (
    "La famille adoptive arrête le parrainage tant qu'il n'aura pas de meilleures notes au collège, "
    "pour le punir de son comportement."
)
PAUSE_SANCTION = "Pause tant qu'il n'est pas sage à l'école."


@pytest.fixture(autouse=True)
def _placed_since_spring(mworld):  # type: ignore[no-untyped-def]
    """The youth has been in their placement since the spring (an adoption comes after it)."""
    Placement.objects.filter(child=mworld.youth.person).update(since=date(2026, 4, 1))


def _refusals(obj: Any) -> list[str]:
    rows = LogEntry.objects.filter(object_pk=str(obj.pk), additional_data__event=REFUSED)
    return [e.additional_data["what"] for e in rows.order_by("timestamp")]


def _close_data(**extra: str) -> dict[str, str]:
    return {
        "reason": "mentor_moving",
        "conversation_on": "2026-11-20",
        "conversation": "Mona moves to Lyon; we told Lina together.",
        "youth_view": "Lina is sad but understands.",
        **extra,
    }


def _propose(match: Match, by: Any) -> Closure:
    d = _close_data()
    lifecycle.match_close(
        match=match,
        by=by,
        reason=d["reason"],
        conversation_on=date(2026, 11, 20),
        conversation=d["conversation"],
        youth_view=d["youth_view"],
    )
    return match.closures.get(status=Closure.Status.PROPOSED)


def _second_coordinator(world: Any) -> Person:
    user = User.objects.create_user("cora@tutelle.test", world.password)
    person = Person.objects.create(
        organisation=world.org_a, first_name="Cora", last_name="Coordinatrice2", user=user
    )
    Membership.objects.create(person=person, organisation=world.org_a, role=Role.COORDINATOR)
    return person


# --- 2. the youth's view on a closure -------------------------------------------------------


def test_a_youths_view_quoting_a_sanction_is_refused_on_the_page_and_in_the_api(
    mworld, active_match, client_for, api_for
) -> None:
    worker = mworld.world.worker_b
    page = client_for(worker).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "close", **{f"c-{k}": v for k, v in _close_data().items()}}
        | {"c-youth_view": YOUTH_VIEW_SANCTION},
    )
    assert page.status_code == 200
    assert RULE in str(page.context["forms"]["close"].errors["youth_view"])
    api = api_for(worker).post(
        f"{API}/matches/{active_match.pk}/close/",
        _close_data(youth_view=YOUTH_VIEW_SANCTION),
        format="json",
    )
    assert api.status_code == 400
    assert RULE in str(api.json()["error"]["fields"]["youth_view"])
    assert not active_match.closures.exists()
    assert _refusals(active_match) == ["closure", "closure"]


# --- 4. the safeguarding follow-up's outcome -------------------------------------------------


def test_a_follow_up_outcome_that_is_a_sanction_is_refused_on_the_page_and_in_the_api(
    mworld, active_match, client_for, api_for
) -> None:
    w = mworld.world
    lifecycle.match_pause(match=active_match, reason="Inquiétude", kind="safeguarding", by=SYSTEM)
    review = active_match.safeguarding_reviews.get()
    page = client_for(w.coordinator).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "review", "review": str(review.pk), "r-outcome": OUTCOME_SANCTION},
    )
    assert page.status_code == 200
    assert RULE in str(page.context["forms"]["review"].errors["outcome"])
    api = api_for(w.coordinator).post(
        f"{API}/matches/{active_match.pk}/follow-up-review/",
        {"review": str(review.pk), "outcome": OUTCOME_SANCTION},
        format="json",
    )
    assert api.status_code == 400
    assert RULE in str(api.json()["error"]["fields"]["outcome"])
    review.refresh_from_db()
    assert review.status == SafeguardingReview.Status.OPEN and not review.outcome
    assert _refusals(active_match) == ["safeguarding_follow_up"] * 2


def test_a_case_worker_is_told_who_follows_up_a_review(
    mworld, active_match, client_for, api_for
) -> None:
    worker = mworld.world.worker_b
    lifecycle.match_pause(match=active_match, reason="Inquiétude", kind="safeguarding", by=SYSTEM)
    review = active_match.safeguarding_reviews.get()
    page = client_for(worker).get(f"/mentoring/matches/{active_match.pk}/").content.decode()
    assert 'id="review-by-coordinators"' in page and 'id="review-form"' not in page
    api = api_for(worker).post(
        f"{API}/matches/{active_match.pk}/follow-up-review/",
        {"review": str(review.pk), "outcome": "Vu avec la mentore."},
        format="json",
    )
    assert api.status_code == 403
    assert "Only the programme's coordinators follow up" in api.json()["error"]["message"]
    posted = client_for(worker).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "review", "review": str(review.pk), "r-outcome": "Vu avec la mentore."},
    )
    assert posted.status_code == 403
    assert "coordinators follow up a safeguarding review" in posted.content.decode()


# --- 5. the pause reason ---------------------------------------------------------------------


def test_a_pause_reason_goes_through_the_rule_on_the_page_and_in_the_api(
    mworld, active_match, client_for, api_for
) -> None:
    worker = mworld.world.worker_b
    page = client_for(worker).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "pause", "p-reason": PAUSE_SANCTION, "p-kind": "youth_wish"},
    )
    assert page.status_code == 200
    assert RULE in str(page.context["forms"]["pause"].errors["reason"])
    api = api_for(worker).post(
        f"{API}/matches/{active_match.pk}/pause/",
        {"reason": PAUSE_SANCTION, "kind": "youth_wish"},
        format="json",
    )
    assert api.status_code == 400 and RULE in str(api.json()["error"]["fields"]["reason"])
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE
    assert _refusals(active_match) == ["pause", "pause"]


# --- 3. closure reasons named by the organisation --------------------------------------------

CONDUCT_LABELS = [
    ("Comportement inadapté", "youth_wish"),
    ("Non-respect du règlement", "youth_wish"),
    ("Passage en conseil de discipline", "youth_wish"),
    ("Manque d'implication du jeune", "youth_wish"),
    ("Décrochage scolaire", "youth_wish"),
    ("Recadrage éducatif", "youth_wish"),
    ("Retrait", "youth_wish"),
    ("Privation", "programme_ends"),
    ("Mise à l'écart temporaire", "youth_wish"),
    ("Fin décidée par l'équipe éducative", "programme_ends"),
    ("Misconduct", "youth_wish"),
    ("Behaviour", "youth_wish"),
    ("Poor school attendance", "youth_wish"),
    ("Fugues répétées", "youth_moves"),
    ("Violence", "safeguarding"),
]
LEGITIMATE_LABELS = [
    *[(r["label"], kind_of(r)) for r in DEFAULT_CLOSURE_REASONS],
    ("Violence subie par le jeune", "safeguarding"),
    ("Risque pour la sécurité du jeune", "safeguarding"),
    ("Manque de disponibilité du mentor", "mentor_leaves"),
    ("Manque d'implication du mentor", "mentor_leaves"),
    ("Souhait du jeune", "youth_wish"),
    ("Déménagement du jeune", "youth_moves"),
    ("Objectifs atteints", "goals_reached"),
    ("Majorité ou sortie de l'ASE", "youth_of_age"),
    ("Souhait de la famille adoptive", "family_wish"),
    ("Signalement de maltraitance", "safeguarding"),
]


@pytest.mark.parametrize(("label", "kind"), CONDUCT_LABELS)
def test_a_label_naming_the_youths_conduct_is_a_sanction(label: str, kind: str) -> None:
    reading = read_reason_label("x", label, kind)
    assert reading.is_sanction, label
    assert RULE in reading.explanation()


@pytest.mark.parametrize(("label", "kind"), LEGITIMATE_LABELS)
def test_a_label_about_the_relationship_or_a_risk_to_the_child_passes(
    label: str, kind: str
) -> None:
    assert not read_reason_label("x", label, kind).is_sanction, label


def test_a_bare_violence_is_refused_even_as_a_safeguarding_reason_and_says_why() -> None:
    reading = read_reason_label("violence", "Violence", "safeguarding")
    assert "names a risk to the child, not a conduct" in reading.explanation()


@pytest.mark.parametrize(
    ("label", "kind"),
    [CONDUCT_LABELS[0], CONDUCT_LABELS[9], CONDUCT_LABELS[13], CONDUCT_LABELS[14]],
)
def test_a_conduct_label_is_refused_on_the_page_and_in_the_api(
    mworld, client_for, api_for, label: str, kind: str
) -> None:
    from .test_reason_channels import _page_data

    programme = mworld.programme
    before = list(programme.closure_reasons)
    reasons = [*before, {"code": "added", "label": label, "kind": kind}]
    coordinator = mworld.world.coordinator
    page = client_for(coordinator).post(
        f"/mentoring/programmes/{programme.pk}/edit/", _page_data(programme, reasons)
    )
    assert page.status_code == 200
    assert RULE in str(page.context["form"].reason_errors)
    api = api_for(coordinator).patch(
        f"{API}/programmes/{programme.pk}/", {"closure_reasons": reasons}, format="json"
    )
    assert api.status_code == 400
    assert RULE in str(api.json()["error"]["fields"]["closure_reasons"])
    programme.refresh_from_db()
    assert programme.closure_reasons == before


def test_a_safeguarding_reason_naming_the_risk_is_saved_through_the_api(mworld, api_for) -> None:
    programme = mworld.programme
    reasons = [
        *programme.closure_reasons,
        {
            "code": "violence_suffered",
            "label": "Violence subie par le jeune",
            "kind": "safeguarding",
        },
    ]
    api = api_for(mworld.world.coordinator).patch(
        f"{API}/programmes/{programme.pk}/", {"closure_reasons": reasons}, format="json"
    )
    assert api.status_code == 200, api.content
    programme.refresh_from_db()
    assert programme.reason_kind("violence_suffered") == "safeguarding"


# --- 1 and 7. adoption ------------------------------------------------------------------------


def _adoption(youth_wish: str, family_wish: str, wishes: str) -> dict[str, Any]:
    return {
        "adopted_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "new_parents": [{"first_name": "Alix", "last_name": "Adoptante"}],
        "youth_wish": youth_wish,
        "family_wish": family_wish,
        "wishes": wishes,
    }


def test_adoption_wishes_that_are_a_sanction_are_refused_on_the_page_and_in_the_api(
    mworld, active_match, client_for, api_for
) -> None:
    worker, youth = mworld.world.worker_b, mworld.youth
    api = api_for(worker).post(
        f"{API}/youths/{youth.pk}/adoption/",
        _adoption("keep", "end", WISHES_SANCTION),
        format="json",
    )
    assert api.status_code == 400
    assert RULE in str(api.json()["error"]["fields"]["wishes"])
    d = _adoption("keep", "end", WISHES_SANCTION)
    page = client_for(worker).post(
        f"/mentoring/youths/{youth.pk}/",
        {
            "action": "adoption",
            "a-adopted_on": d["adopted_on"],
            "a-parent1_first_name": "Alix",
            "a-parent1_last_name": "Adoptante",
            "a-youth_wish": "keep",
            "a-family_wish": "end",
            "a-wishes": WISHES_SANCTION,
        },
    )
    assert page.status_code == 200 and RULE in page.content.decode()
    assert not active_match.closures.exists()
    assert not Person.objects.filter(last_name="Adoptante").exists()


def test_the_closure_after_an_adoption_records_the_youths_own_view(
    mworld, active_match, api_for
) -> None:
    wishes = "La famille préfère tourner la page ; Lina voulait garder sa mentore."
    api = api_for(mworld.world.worker_b).post(
        f"{API}/youths/{mworld.youth.pk}/adoption/",
        _adoption("keep", "end", wishes),
        format="json",
    )
    assert api.status_code == 201, api.content
    closure = active_match.closures.get()
    assert closure.conversation == wishes
    assert closure.youth_view.startswith("The youth wished to keep the mentoring")


def test_a_pending_closure_does_not_block_an_adoption(
    mworld, active_match, client_for, api_for
) -> None:
    pending = _propose(active_match, mworld.world.coordinator)
    api = api_for(mworld.world.worker_b).post(
        f"{API}/youths/{mworld.youth.pk}/adoption/",
        _adoption("end", "end", "Lina et sa nouvelle famille souhaitent arrêter."),
        format="json",
    )
    assert api.status_code == 201, api.content
    assert list(active_match.closures.all()) == [pending]  # still the one decision to take
    logged = active_match.events.get(kind="adoption_end_wished")
    assert logged.data["pending_closure"] == str(pending.pk)


def test_a_pending_closure_does_not_block_an_adoption_from_the_page(
    mworld, active_match, client_for
) -> None:
    _propose(active_match, mworld.world.coordinator)
    page = client_for(mworld.world.worker_b).post(
        f"/mentoring/youths/{mworld.youth.pk}/",
        {
            "action": "adoption",
            "a-adopted_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "a-parent1_first_name": "Alix",
            "a-parent1_last_name": "Adoptante",
            "a-youth_wish": "end",
            "a-family_wish": "end",
            "a-wishes": "Lina et sa nouvelle famille souhaitent arrêter.",
        },
        follow=True,
    )
    assert page.status_code == 200
    assert "already waiting for a second staff member: it stays" in page.content.decode()
    assert active_match.closures.count() == 1


# --- 6 and 8. who confirms a closure, and a closure confirmed twice ---------------------------


def test_the_case_worker_neither_sees_nor_uses_a_confirm_button(
    mworld, active_match, client_for, api_for
) -> None:
    closure = _propose(active_match, mworld.world.coordinator)
    worker = mworld.world.worker_b
    url = f"/mentoring/matches/{active_match.pk}/"
    page = client_for(worker).get(url).content.decode()
    assert 'id="confirm-close"' not in page and 'id="waiting-coordinator"' in page
    assert 'id="withdraw-close"' in page  # the agency may still withdraw it
    posted = client_for(worker).post(url, {"action": "confirm_close", "closure": str(closure.pk)})
    assert posted.status_code == 403
    assert "confirmed by a coordinator of the mentoring programme" in posted.content.decode()
    api = api_for(worker).post(
        f"{API}/matches/{active_match.pk}/confirm-closure/",
        {"closure": str(closure.pk)},
        format="json",
    )
    assert api.status_code == 403
    assert "confirmed by a coordinator" in api.json()["error"]["message"]
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE


def test_a_second_coordinator_confirms_on_the_page_and_a_second_confirmation_says_why(
    mworld, active_match, client_for, api_for
) -> None:
    closure = _propose(active_match, mworld.world.coordinator)
    cora = _second_coordinator(mworld.world)
    url = f"/mentoring/matches/{active_match.pk}/"
    client = client_for(cora)
    assert 'id="confirm-close"' in client.get(url).content.decode()
    done = client.post(url, {"action": "confirm_close", "closure": str(closure.pk)})
    assert done.status_code == 302
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ENDED_EARLY
    again = client.post(url, {"action": "confirm_close", "closure": str(closure.pk)}, follow=True)
    assert "already confirmed by Cora Coordinatrice2" in again.content.decode()
    api = api_for(cora).post(
        f"{API}/matches/{active_match.pk}/confirm-closure/",
        {"closure": str(closure.pk)},
        format="json",
    )
    assert api.status_code == 409
    assert "already confirmed by Cora Coordinatrice2" in api.json()["error"]["message"]


def test_a_second_coordinator_confirms_through_the_api(mworld, active_match, api_for) -> None:
    closure = _propose(active_match, mworld.world.worker_b)
    cora = _second_coordinator(mworld.world)
    done = api_for(cora).post(
        f"{API}/matches/{active_match.pk}/confirm-closure/",
        {"closure": str(closure.pk)},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == "ended_early"
