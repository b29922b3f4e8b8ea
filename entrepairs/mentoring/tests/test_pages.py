"""Every mentoring page renders for the people who use it, and forms do what they say."""

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import Match, Mentor, Proposal, SharingAgreement


def test_it_renders_every_staff_page(mworld, active_match, client_for) -> None:
    c = client_for(mworld.world.coordinator)
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    p = mworld.programme.pk
    for url in [
        "/mentoring/",
        f"/mentoring/programmes/{p}/",
        f"/mentoring/programmes/{p}/edit/",
        "/mentoring/programmes/new/",
        f"/mentoring/programmes/{p}/mentors/",
        f"/mentoring/mentors/{mworld.mentor.pk}/",
        "/mentoring/youths/",
        "/mentoring/youths/new/",
        f"/mentoring/youths/{mworld.youth.pk}/",
        f"/mentoring/programmes/{p}/matching/",
        f"/mentoring/runs/{run.pk}/",
        f"/mentoring/runs/{run.pk}/progress/",
        "/mentoring/matches/",
        f"/mentoring/matches/{active_match.pk}/",
        "/mentoring/agreements/",
        "/mentoring/agreements/new/",
        f"/mentoring/agreements/{mworld.agreement.pk}/",
        "/training/completions/",
        f"/mentoring/programmes/{p}/reports/",
    ]:
        assert c.get(url).status_code == 200, url
    # Staff training moved to its own app; the former address is a permanent redirect.
    moved = c.get("/mentoring/training/")
    assert (moved.status_code, moved["Location"]) == (301, "/training/completions/")


def test_it_takes_a_public_application_without_an_account(mworld, client) -> None:
    url = f"/mentoring/programmes/{mworld.programme.pk}/apply/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "first_name": "Paul",
            "last_name": "Public",
            "email": "paul@public.test",
            "birth_year": 1990,
            "mode": "individual",
            "capacity": 1,
            "motivation": "I like helping",
            "languages": "fr, en",
            "interests": "chess",
        },
    )
    assert response.status_code == 200 and b"application-received" in response.content
    mentor = Mentor.objects.get(person__email="paul@public.test")
    assert mentor.status == Mentor.Status.APPLIED and mentor.person.languages == ["fr", "en"]


def test_it_takes_a_public_application_in_the_api(mworld, client) -> None:
    response = client.post(
        f"/api/v1/mentoring/programmes/{mworld.programme.pk}/apply/",
        {"first_name": "Api", "last_name": "Person", "email": "api@public.test"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "applied"


def test_it_lets_a_case_worker_enrol_a_youth_from_the_page(mworld, client_for) -> None:
    c = client_for(mworld.world.worker_b)
    response = c.post(
        "/mentoring/youths/new/",
        {
            "programme": mworld.programme.pk,
            "agency": mworld.world.org_b.pk,
            "first_name": "Noa",
            "last_name": "Nouveau",
            "birth_date": "2013-03-03",
            "mode": "individual",
            "languages": "fr",
        },
    )
    assert response.status_code == 302
    youth_url = response["Location"]
    response = c.post(
        youth_url,
        {"action": "consent", "c-party": "youth", "c-given_by": "Noa", "c-given_on": "2026-11-01"},
    )
    assert response.status_code == 302
    response = c.post(
        youth_url,
        {"action": "readiness", "r-readiness": "ready", "r-mode": "group", "r-note": "ok"},
    )
    assert response.status_code == 302


def test_it_refuses_a_punitive_closure_on_the_page_and_explains(
    mworld, active_match, client_for
) -> None:
    c = client_for(mworld.world.worker_b)
    url = f"/mentoring/matches/{active_match.pk}/"
    response = c.post(
        url,
        {
            "action": "close",
            "c-reason": "youth_wish",
            "c-conversation_on": "2026-11-20",
            "c-conversation": "Il est puni",
            "c-note": "",
        },
    )
    assert response.status_code == 200
    assert "never withdrawn as a sanction" in response.content.decode()
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE
    response = c.post(
        url,
        {
            "action": "close",
            "c-reason": "youth_wish",
            "c-conversation_on": "2026-11-20",
            "c-conversation": "Lina wants to stop; we thanked the mentor.",
            "c-youth_view": "Lina says she has too much on with her apprenticeship.",
        },
    )
    assert response.status_code == 302
    active_match.refresh_from_db()
    # Four eyes (issue 14): the case worker proposes, a coordinator confirms.
    assert active_match.status == Match.Status.ACTIVE
    closure = active_match.closures.get()
    page = client_for(mworld.world.coordinator).get(url).content.decode()
    assert "Lina says she has too much" in page
    response = client_for(mworld.world.coordinator).post(
        url, {"action": "confirm_close", "closure": str(closure.pk)}
    )
    assert response.status_code == 302
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ENDED_EARLY


def test_it_records_check_ins_contacts_and_notes_from_the_page(
    mworld, active_match, client_for
) -> None:
    c = client_for(mworld.mentor.person)
    url = f"/mentoring/matches/{active_match.pk}/"
    checkin = active_match.checkins.get(party="mentor")
    assert (
        c.post(
            url,
            {
                "action": "checkin",
                "checkin": checkin.pk,
                f"ci{checkin.pk}-rating": "4",
                f"ci{checkin.pk}-meets_regularly": "true",
                f"ci{checkin.pk}-note": "good",
            },
        ).status_code
        == 302
    )
    checkin.refresh_from_db()
    assert checkin.done_on == timezone.localdate() and checkin.rating == 4
    assert (
        c.post(
            url,
            {
                "action": "contact",
                "k-kind": "outing",
                "k-happened_on": "2026-11-20",
                "k-place": "Museum",
            },
        ).status_code
        == 302
    )
    assert c.post(url, {"action": "note", "n-text": "Lina talks more"}).status_code == 302
    assert mworld.youth.progress_notes.count() == 1
    assert c.post(url, {"action": "close", "c-reason": "completed"}).status_code == 403


def test_it_edits_an_agreement_from_the_page(mworld, client_for) -> None:
    c = client_for(mworld.world.coordinator)
    response = c.post(
        f"/mentoring/agreements/{mworld.agreement.pk}/",
        {"share_first_name": "on", "purpose_first_name": "to greet"},
    )
    assert response.status_code == 302
    mworld.agreement.refresh_from_db()
    assert mworld.agreement.fields == ["first_name"]
    response = c.post(f"/mentoring/agreements/{mworld.agreement.pk}/", {"share_age": "on"})
    assert response.status_code == 200  # a fact without a purpose is refused
    assert SharingAgreement.objects.get(pk=mworld.agreement.pk).fields == ["first_name"]


def test_it_shows_the_proposals_with_their_breakdown(mworld, client_for) -> None:
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    html = client_for(mworld.world.coordinator).get(f"/mentoring/runs/{run.pk}/").content.decode()
    proposal = Proposal.objects.get(run=run)
    assert f'id="p-{proposal.pk}"' in html and "breakdown" in html
    # The score is told in a sentence, never as the engine's formula (outside test F15).
    assert "×" not in html and " = " not in html
    assert "Strong points: " in html or "No criterion stands out" in html


def test_it_draws_reports_without_naming_youths(mworld, active_match, client_for) -> None:
    html = (
        client_for(mworld.world.coordinator)
        .get(f"/mentoring/programmes/{mworld.programme.pk}/reports/")
        .content.decode()
    )
    assert "<svg" in html and "Lina" not in html and "Confidentielle" not in html
