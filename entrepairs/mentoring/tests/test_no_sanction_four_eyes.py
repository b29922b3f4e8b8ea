"""Issue 14, point 1: no sanction by construction (reason kinds, four-eyes closures with the
youth's view, safeguarding reviews) and by reading (refusals explained the same way on the page and
the API, and written to the audit trail without the text)."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from entrepairs.core.notifications import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.core.tasks import send_notification_email
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import Closure, Match, SafeguardingReview
from entrepairs.mentoring.sanctions import REFUSED

SANCTION = "Suspendu tant qu'il ne retourne pas au collège."


def _close(match, by, **extra):
    args = {
        "reason": "mentor_moving",
        "conversation_on": date(2026, 11, 20),
        "conversation": "Mona moves to Lyon; we told Lina together.",
        "youth_view": "Lina is sad but understands; she would like a new mentor.",
    }
    return lifecycle.match_close(match=match, by=by, **{**args, **extra})


def _refusals(match):
    return LogEntry.objects.filter(
        object_pk=str(match.pk), additional_data__event=REFUSED
    ).order_by("timestamp")


def test_a_staff_closure_waits_for_a_second_staff_member(mworld, active_match):
    w = mworld.world
    _close(active_match, w.worker_b)
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE
    closure = active_match.closures.get()
    assert closure.status == Closure.Status.PROPOSED and closure.youth_view.startswith("Lina")
    with pytest.raises(PermissionDenied, match="second staff member"):
        lifecycle.closure_confirm(closure=closure, by=w.worker_b)
    with pytest.raises(ValidationError, match="already waiting"):
        _close(active_match, w.coordinator)
    lifecycle.closure_confirm(closure=closure, by=w.coordinator)
    active_match.refresh_from_db()
    closure.refresh_from_db()
    assert active_match.status == Match.Status.ENDED_EARLY
    assert closure.status == Closure.Status.CONFIRMED and closure.decided_by == w.coordinator
    told = Notification.objects.get(recipient=w.worker_b.user, subject__contains="closed")
    assert send_notification_email.call(str(told.pk))  # the e-mail, as the worker sends it
    sent = [m for m in mail.outbox if w.worker_b.email in m.to]
    assert len(sent) == 1  # the youth's case worker is told
    text = f"{sent[0].subject} {sent[0].body}"
    assert "Lina" not in text and "Confidentielle" not in text  # no name (DECISIONS)


def test_the_youths_view_is_required_and_a_proposal_can_be_withdrawn(mworld, active_match):
    with pytest.raises(ValidationError) as exc:
        _close(active_match, mworld.world.coordinator, youth_view="  ")
    assert set(exc.value.message_dict) == {"youth_view"}
    _close(active_match, mworld.world.coordinator)
    closure = active_match.closures.get()
    lifecycle.closure_withdraw(closure=closure, by=mworld.world.coordinator)
    closure.refresh_from_db()
    assert closure.status == Closure.Status.WITHDRAWN
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE


def test_a_mentor_cannot_propose_or_confirm(mworld, active_match):
    _close(active_match, mworld.world.coordinator)
    closure = active_match.closures.get()
    with pytest.raises(PermissionDenied):
        lifecycle.closure_confirm(closure=closure, by=mworld.mentor.person)
    with pytest.raises(PermissionDenied):
        _close(active_match, mworld.mentor.person)


def test_a_safeguarding_concern_opens_a_review_instead_of_closing(mworld, active_match, client_for):
    w = mworld.world
    _close(active_match, w.worker_b, reason="safety_concern", conversation="Worrying messages.")
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.PAUSED
    assert not active_match.closures.exists()
    review = active_match.safeguarding_reviews.get()
    assert review.status == SafeguardingReview.Status.OPEN
    page = client_for(w.coordinator).get(f"/mentoring/matches/{active_match.pk}/").content.decode()
    assert 'id="safeguarding-review"' in page and "Worrying messages." in page
    with pytest.raises(PermissionDenied):  # the agency raises it, the coordinators follow it up
        lifecycle.safeguarding_review_follow_up(review=review, outcome="done", by=w.worker_b)
    lifecycle.safeguarding_review_follow_up(
        review=review, outcome="Talked with the mentor; DBS renewed.", by=w.coordinator
    )
    review.refresh_from_db()
    assert review.status == SafeguardingReview.Status.FOLLOWED_UP


def test_a_safeguarding_pause_opens_a_review_and_a_pause_needs_a_kind(mworld, active_match):
    with pytest.raises(ValidationError) as exc:
        lifecycle.match_pause(match=active_match, reason="Holidays", kind="", by=SYSTEM)
    assert set(exc.value.message_dict) == {"kind"}
    lifecycle.match_pause(
        match=active_match, reason="Concern raised", kind="safeguarding", by=SYSTEM
    )
    assert active_match.safeguarding_reviews.filter(status="open").count() == 1
    assert active_match.events.get(kind="paused").data == {"kind": "safeguarding"}


def test_a_sanction_is_refused_alike_on_the_page_and_the_api_and_audited(
    mworld, active_match, client_for, api_for
):
    w = mworld.world
    url = f"/mentoring/matches/{active_match.pk}/"
    page = client_for(w.worker_b).post(
        url,
        {
            "action": "close",
            "c-reason": "youth_wish",
            "c-conversation_on": "2026-11-20",
            "c-conversation": SANCTION,
            "c-youth_view": "Lina disagrees.",
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "never withdrawn as a sanction" in html and "tant qu" in html
    api = api_for(w.worker_b).post(
        f"/api/v1/mentoring/matches/{active_match.pk}/close/",
        {
            "reason": "youth_wish",
            "conversation_on": "2026-11-20",
            "conversation": SANCTION,
            "youth_view": "Lina disagrees.",
        },
        format="json",
    )
    assert api.status_code == 400
    error = api.json()["error"]
    assert "never withdrawn as a sanction" in str(error["fields"]["conversation"])
    assert "makes mentoring conditional" in str(error["fields"]["conversation"])
    pause = api_for(w.worker_b).post(
        f"/api/v1/mentoring/matches/{active_match.pk}/pause/",
        {"reason": "Pause until he behaves at school", "kind": "holidays"},
        format="json",
    )
    assert pause.status_code == 400 and "reason" in pause.json()["error"]["fields"]
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE and not active_match.closures.exists()
    entries = list(_refusals(active_match))
    assert [e.additional_data["what"] for e in entries] == ["closure", "closure", "pause"]
    assert all(e.actor == w.worker_b.user for e in entries)
    assert entries[0].additional_data["reason_kind"] == "youth_wish"
    assert "collège" not in str([e.additional_data for e in entries])  # never the text
    # the programme's coordinators read it in the audit trail, labelled
    audit = client_for(w.coordinator).get("/audit/").content.decode()
    assert "refused: mentoring withdrawn as a sanction" in audit


def test_a_negated_sanction_is_accepted(mworld, active_match):
    _close(active_match, mworld.world.coordinator, note="Ce n'est pas une sanction, Mona déménage.")
    assert active_match.closures.filter(status="proposed").exists()
    assert not _refusals(active_match).exists()


def test_a_closure_reason_renamed_into_a_sanction_is_refused_and_audited(mworld):
    programme = mworld.programme
    before = list(programme.closure_reasons)
    programme.closure_reasons = [
        *before,
        {"code": "conduct", "label": "Exclusion pour mauvais comportement", "kind": "youth_wish"},
    ]
    with pytest.raises(ValidationError) as exc:
        services.programme_save(programme=programme, by=mworld.world.coordinator)
    assert "never withdrawn as a sanction" in str(exc.value.message_dict["closure_reasons"])
    programme.refresh_from_db()
    assert programme.closure_reasons == before  # nothing written
    entry = LogEntry.objects.get(object_pk=str(programme.pk), additional_data__event=REFUSED)
    assert entry.additional_data["what"] == "closure_reason"


def test_a_reason_needs_a_kind_of_the_product(mworld):
    programme = mworld.programme
    programme.closure_reasons = [{"code": "x", "label": "Autre", "kind": "behaviour"}]
    with pytest.raises(ValidationError, match="Unknown kind"):
        programme.full_clean()


def test_the_api_confirms_with_four_eyes(mworld, active_match, api_for):
    w = mworld.world
    _close(active_match, w.worker_b)
    closure = active_match.closures.get()
    base = f"/api/v1/mentoring/matches/{active_match.pk}"
    listed = api_for(w.coordinator).get(f"{base}/closures/").json()["results"]
    assert listed[0]["youth_view"].startswith("Lina") and listed[0]["status"] == "proposed"
    same = api_for(w.worker_b).post(f"{base}/confirm-closure/", {"closure": str(closure.pk)})
    assert same.status_code == 403
    done = api_for(w.coordinator).post(f"{base}/confirm-closure/", {"closure": str(closure.pk)})
    assert done.status_code == 200 and done.json()["status"] == "ended_early"
    assert api_for(mworld.worker_c).get(f"{base}/closures/").status_code == 404
