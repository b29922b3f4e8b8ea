"""Matching runs: proposals with score breakdowns, reasons for the unmatched, staff decisions."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import Match, MatchingRun, Proposal, Unmatched, Youth


@pytest.fixture
def pool(mworld):  # type: ignore[no-untyped-def]
    m2 = mworld.approved_mentor("Marc", "Musique", interests=("music",))
    y2 = mworld.ready_youth("Sam", "Musicien", interests=("music",))
    lonely = mworld.ready_youth("Eva", "Anglaise")
    lonely.person.languages = ["en"]
    lonely.person.save()
    return mworld, m2, y2, lonely


def test_it_proposes_the_best_pairs_with_a_breakdown_and_explains_the_unmatched(pool) -> None:
    mworld, m2, y2, lonely = pool
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    assert run.status == MatchingRun.Status.DONE
    pairs = {(p.youth_id, p.mentor_id) for p in Proposal.objects.filter(run=run)}
    assert pairs == {(mworld.youth.pk, mworld.mentor.pk), (y2.pk, m2.pk)}
    p = Proposal.objects.get(run=run, youth=y2)
    assert {row[0] for row in p.breakdown} >= {"interests", "language", "distance"}
    assert abs(sum(row[3] for row in p.breakdown) - p.score) < 1e-3
    reason = Unmatched.objects.get(run=run, youth=lonely)
    assert "language" in reason.message


def test_it_accepts_rejects_pins_and_swaps(pool) -> None:
    mworld, m2, y2, _ = pool
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    a = Proposal.objects.get(run=run, youth=mworld.youth)
    b = Proposal.objects.get(run=run, youth=y2)
    lifecycle.proposal_swap(by=SYSTEM, first=a, second=b)
    a.refresh_from_db()
    assert a.mentor_id == m2.pk and a.pinned
    lifecycle.proposal_reject(by=SYSTEM, proposal=b)
    match = lifecycle.proposal_accept(by=SYSTEM, proposal=a)
    assert match.status == Match.Status.PROPOSED
    rerun = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    assert not Proposal.objects.filter(run=rerun, youth=y2, mentor=mworld.mentor).exists()


def test_it_keeps_pinned_pairs_in_the_next_run(pool) -> None:
    mworld, m2, y2, _ = pool
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    a = Proposal.objects.get(run=run, youth=mworld.youth)
    b = Proposal.objects.get(run=run, youth=y2)
    lifecycle.proposal_swap(by=SYSTEM, first=a, second=b)
    rerun = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    kept = Proposal.objects.get(run=rerun, youth=mworld.youth)
    assert kept.mentor_id == m2.pk and kept.pinned


def test_it_introduces_a_match_and_notifies_mentor_and_case_worker(mworld) -> None:
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    match = lifecycle.proposal_accept(by=SYSTEM, proposal=Proposal.objects.get(run=run))
    lifecycle.match_introduce(by=SYSTEM, match=match)
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    assert Youth.objects.get(pk=mworld.youth.pk).status == Youth.Status.MATCHED
    assert Notification.objects.filter(recipient=mworld.mentor.person.user).exists()
    assert Notification.objects.filter(recipient=mworld.world.worker_b.user).exists()
    assert match.checkins.filter(done_on__isnull=True).count() == 3  # mentor, youth, guardian


def test_it_groups_youths_with_a_group_mentor_up_to_capacity(mworld) -> None:
    g = mworld.approved_mentor("Gaby", "Groupe", mode="group", capacity=2)
    youths = [mworld.ready_youth(f"G{i}", f"Groupe{i}", mode="group") for i in range(3)]
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    group = Proposal.objects.filter(run=run, mentor=g)
    assert group.count() == 2
    matches = {lifecycle.proposal_accept(by=SYSTEM, proposal=p).pk for p in group}
    assert len(matches) == 1
    match = Match.objects.get(pk=matches.pop())
    assert match.youths.count() == 2 and match.mode == "group"
    leftover = next(y for y in youths if not match.youths.filter(pk=y.pk).exists())
    with pytest.raises(ValidationError):
        lifecycle.match_create(
            by=SYSTEM, programme=mworld.programme, mentors=[g], youths=[leftover], mode="group"
        )


def test_it_runs_large_programmes_in_the_worker_with_progress(
    mworld, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from entrepairs.mentoring import tasks

    monkeypatch.setattr("entrepairs.mentoring.lifecycle.INLINE_LIMIT", 0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    assert len(callbacks) == 1  # the task is queued for the worker
    assert run.status == MatchingRun.Status.QUEUED
    tasks.run_matching.call(str(run.pk))
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.DONE and run.progress == 100
    assert Proposal.objects.filter(run=run).count() == 1


def test_it_runs_matching_from_the_api_and_decides_proposals(mworld, api_for) -> None:
    api = api_for(mworld.world.coordinator)
    run = api.post(
        "/api/v1/mentoring/runs/", {"programme": str(mworld.programme.pk)}, format="json"
    ).json()
    assert run["status"] == "done"
    proposals = api.get(f"/api/v1/mentoring/runs/{run['id']}/proposals/").json()["results"]
    assert proposals[0]["breakdown"][0].keys() == {"criterion", "weight", "value", "contribution"}
    match = api.post(f"/api/v1/mentoring/proposals/{proposals[0]['id']}/accept/").json()
    intro = api.post(f"/api/v1/mentoring/matches/{match['id']}/introduce/")
    assert intro.status_code == 200 and intro.json()["status"] == "active"


def test_it_refuses_matching_to_a_case_worker(mworld, api_for, client_for) -> None:
    api = api_for(mworld.world.worker_b)
    assert (
        api.post(
            "/api/v1/mentoring/runs/", {"programme": str(mworld.programme.pk)}, format="json"
        ).status_code
        == 403
    )
    assert (
        client_for(mworld.world.worker_b)
        .post(f"/mentoring/programmes/{mworld.programme.pk}/matching/")
        .status_code
        == 403
    )


def test_it_refuses_an_unscreened_mentor_in_the_api_with_a_clear_message(mworld, api_for) -> None:
    from entrepairs.mentoring import services

    m = services.mentor_apply(
        programme=mworld.programme, first_name="N", last_name="New", email="n@x.test"
    )
    response = api_for(mworld.world.coordinator).post(
        "/api/v1/mentoring/matches/",
        {
            "programme": str(mworld.programme.pk),
            "mentors": [str(m.pk)],
            "youths": [str(mworld.youth.pk)],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "not screened" in str(response.json()["error"])
    assert not Match.objects.exists()


def test_it_leaves_out_a_mentor_whose_background_check_expired(mworld) -> None:
    from datetime import date

    from entrepairs.mentoring.models import ScreeningStep

    ScreeningStep.objects.filter(mentor=mworld.mentor, kind="background_check").update(
        expires_on=date(2025, 1, 1)
    )
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
    assert not Proposal.objects.filter(run=run).exists()
    assert Unmatched.objects.filter(run=run, youth=mworld.youth).exists()


def test_it_lets_staff_add_a_co_mentor_to_a_group_only_if_cleared(
    mworld, api_for, client_for
) -> None:
    from entrepairs.mentoring import services

    g = mworld.approved_mentor("Gaby", "Groupe", mode="group", capacity=3)
    co = mworld.approved_mentor("Coco", "Second", mode="group", capacity=3)
    raw = services.mentor_apply(
        programme=mworld.programme, first_name="R", last_name="Raw", email="raw@x.test"
    )
    youth = mworld.ready_youth("Gi", "Groupe", mode="group")
    match = lifecycle.match_create(
        by=SYSTEM, programme=mworld.programme, mentors=[g], youths=[youth], mode="group"
    )
    api = api_for(mworld.world.coordinator)
    refused = api.post(
        f"/api/v1/mentoring/matches/{match.pk}/add-mentor/", {"mentor": str(raw.pk)}, format="json"
    )
    assert refused.status_code == 400
    page = client_for(mworld.world.coordinator).post(
        f"/mentoring/matches/{match.pk}/", {"action": "add_mentor", "mentor": co.pk}
    )
    assert page.status_code == 302
    assert set(match.mentors.all()) == {g, co}
    third = api.post(
        f"/api/v1/mentoring/matches/{match.pk}/add-mentor/",
        {"mentor": str(mworld.mentor.pk)},
        format="json",
    )
    assert third.status_code == 400
    assert (
        api_for(mworld.world.worker_b)
        .post(
            f"/api/v1/mentoring/matches/{match.pk}/add-mentor/",
            {"mentor": str(co.pk)},
            format="json",
        )
        .status_code
        == 403
    )
