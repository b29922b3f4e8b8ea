"""The youth and the guardian fill in their own check-in through a signed, expiring link e-mailed
to them (issue 14, point 4): the e-mail names nobody; the link's page and API ask that check-in's
questions only, work once, expire, answer 404 when tampered and never reach another check-in. The
coordinator may instead record the answers on the party's behalf, as told by someone: the
check-in says so."""

import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from entrepairs.mentoring.checkin_links import SALT, checkin_for_link, checkin_link_token
from entrepairs.mentoring.models import CheckIn
from entrepairs.people.models import Person

API = "/api/v1/mentoring"
GUARDIAN_EMAIL = "gina.famille@example.test"


@pytest.fixture
def guardian_s(active_match) -> CheckIn:  # type: ignore[no-untyped-def]
    youth = active_match.youths.get()
    Person.objects.filter(pk=youth.guardian_id).update(email=GUARDIAN_EMAIL)
    return active_match.checkins.get(party="guardian", done_on__isnull=True)


def _link_path(checkin: CheckIn) -> str:
    return f"/mentoring/checkin/{checkin_link_token(checkin)}/"


def _api_path(token: str) -> str:
    return f"{API}/checkin-links/{token}/"


def test_the_coordinator_e_mails_the_link_and_the_e_mail_names_nobody(
    mworld, guardian_s, client_for, api_for, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    coordinator = mworld.world.coordinator
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(coordinator).post(
            f"/mentoring/matches/{guardian_s.match_id}/",
            {"action": "checkin_link", "checkin": str(guardian_s.pk)},
        )
    assert page.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        api = api_for(coordinator).post(
            f"{API}/matches/{guardian_s.match_id}/checkin-links/",
            {"checkin": str(guardian_s.pk)},
            format="json",
        )
    assert api.status_code == 200 and api.json() == {"sent_to": 1}
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.to == [GUARDIAN_EMAIL]
        text = f"{message.subject} {message.body}"
        for name in ("Lina", "Confidentielle", "Gina", "Mona", "Lilas"):
            assert name not in text
        # The token carries its signing second: read it from the e-mail (recomputing it a second
        # later differs) and check it reaches this check-in.
        token = re.search(r"/mentoring/checkin/([^/\s]+)/", str(message.body))
        assert token is not None, message.body
        assert checkin_for_link(token.group(1))[0] == guardian_s
    guardian_s.refresh_from_db()
    assert guardian_s.link_sent_at is not None


def test_a_mentor_may_not_send_a_link_page_and_api(mworld, guardian_s, client_for, api_for):  # type: ignore[no-untyped-def]
    mentor = mworld.mentor.person
    page = client_for(mentor).post(
        f"/mentoring/matches/{guardian_s.match_id}/",
        {"action": "checkin_link", "checkin": str(guardian_s.pk)},
    )
    api = api_for(mentor).post(
        f"{API}/matches/{guardian_s.match_id}/checkin-links/",
        {"checkin": str(guardian_s.pk)},
        format="json",
    )
    assert page.status_code == 403 and api.status_code == 403
    assert len(mail.outbox) == 0


def test_no_link_for_the_mentors_check_in_nor_without_an_address(
    mworld, active_match, api_for
) -> None:
    api = api_for(mworld.world.coordinator)
    for party in ("mentor", "youth"):  # the youth has no e-mail address in this world
        checkin = active_match.checkins.get(party=party)
        answer = api.post(
            f"{API}/matches/{active_match.pk}/checkin-links/",
            {"checkin": str(checkin.pk)},
            format="json",
        )
        assert answer.status_code == 400, answer.content
        assert "checkin" in answer.json()["error"]["fields"]


def test_the_link_page_asks_that_check_ins_questions_and_works_once(client, guardian_s) -> None:
    path = _link_path(guardian_s)
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="rating"' in html and 'name="meets_regularly"' in html
    assert "Lina" not in html and "Mona" not in html and "told_by" not in html
    done = client.post(path, {"rating": 4, "meets_regularly": "true", "note": "Bien"})
    assert done.status_code == 200 and b"checkin-received" in done.content
    guardian_s.refresh_from_db()
    assert (guardian_s.rating, guardian_s.recorded_via) == (4, CheckIn.Via.LINK)
    assert guardian_s.recorded_by is None
    again = client.post(path, {"rating": 1})
    assert again.status_code == 410
    guardian_s.refresh_from_db()
    assert guardian_s.rating == 4


def test_the_link_api_works_once(client, guardian_s) -> None:
    from rest_framework.test import APIClient

    api, token = APIClient(), checkin_link_token(guardian_s)
    shown = api.get(_api_path(token))
    assert shown.status_code == 200
    assert shown.json() == {"party": "guardian", "due_on": str(guardian_s.due_on), "done_on": None}
    done = api.post(_api_path(token), {"rating": 2, "meets_regularly": False}, format="json")
    assert done.status_code == 200 and done.json()["done_on"] == str(timezone.localdate())
    again = api.post(_api_path(token), {"rating": 5}, format="json")
    assert again.status_code == 400 and "token" in again.json()["error"]["fields"]
    guardian_s.refresh_from_db()
    assert guardian_s.rating == 2 and guardian_s.recorded_via == CheckIn.Via.LINK


def test_the_link_expires(client, guardian_s, settings) -> None:
    from rest_framework.test import APIClient

    token = checkin_link_token(guardian_s)
    settings.CHECKIN_LINK_DAYS = -1  # the link's age is past its validity
    page = client.get(f"/mentoring/checkin/{token}/")
    api = APIClient().post(_api_path(token), {"rating": 5}, format="json")
    assert page.status_code == 410 and b"expired" in page.content
    assert api.status_code == 400 and "token" in api.json()["error"]["fields"]
    guardian_s.refresh_from_db()
    assert guardian_s.done_on is None


def _tampered(token: str) -> list[str]:
    other = signing.dumps({"c": "0" * 32, "p": "guardian"}, salt="another salt", compress=True)
    return [token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other, "nothing"]


def test_a_tampered_link_is_404(client, guardian_s) -> None:
    from rest_framework.test import APIClient

    for token in _tampered(checkin_link_token(guardian_s)):
        assert client.get(f"/mentoring/checkin/{token}/").status_code == 404
        assert client.post(f"/mentoring/checkin/{token}/", {"rating": 1}).status_code == 404
        answer = APIClient().post(_api_path(token), {"rating": 1}, format="json")
        assert answer.status_code == 404
    guardian_s.refresh_from_db()
    assert guardian_s.done_on is None


def test_a_link_never_reaches_another_check_in(client, active_match, guardian_s) -> None:
    """Another check-in's id posted with the link, or the link re-signed for the mentor's
    check-in by someone who knows the salt but not the key: the other check-in is untouched."""
    youth_s = active_match.checkins.get(party="youth")
    mentor_s = active_match.checkins.get(party="mentor")
    client.post(_link_path(guardian_s), {"rating": 3, "checkin": str(youth_s.pk)})
    forged = signing.dumps(
        {"c": str(mentor_s.pk), "p": "mentor"}, key="not-the-key", salt=SALT, compress=True
    )
    assert client.post(f"/mentoring/checkin/{forged}/", {"rating": 1}).status_code == 404
    youth_s.refresh_from_db()
    mentor_s.refresh_from_db()
    assert youth_s.done_on is None and mentor_s.done_on is None
    guardian_s.refresh_from_db()
    assert guardian_s.rating == 3


def test_a_link_to_the_mentors_check_in_is_refused_by_the_rule(active_match) -> None:
    """Even a validly signed link cannot fill in the mentor's check-in (rules.may_record_checkin)."""
    from rest_framework.test import APIClient

    mentor_s = active_match.checkins.get(party="mentor")
    answer = APIClient().post(_api_path(checkin_link_token(mentor_s)), {"rating": 1}, format="json")
    assert answer.status_code == 403
    mentor_s.refresh_from_db()
    assert mentor_s.done_on is None


@pytest.mark.parametrize("channel", ["page", "api"])
def test_the_coordinator_records_on_behalf_as_told_by(
    mworld, active_match, client_for, api_for, channel: str
) -> None:
    coordinator = mworld.world.coordinator
    youth_s = active_match.checkins.get(party="youth")
    told = "Lina, au téléphone"
    if channel == "page":
        client_for(coordinator).post(
            f"/mentoring/matches/{active_match.pk}/",
            {
                "action": "checkin",
                "checkin": str(youth_s.pk),
                f"ci{youth_s.pk}-rating": 5,
                f"ci{youth_s.pk}-told_by": told,
            },
        )
    else:
        answer = api_for(coordinator).post(
            f"{API}/matches/{active_match.pk}/checkins/",
            {"checkin": str(youth_s.pk), "rating": 5, "told_by": told},
            format="json",
        )
        assert answer.status_code == 200, answer.content
        assert answer.json()["recorded_via"] == "on_behalf"
    youth_s.refresh_from_db()
    assert youth_s.rating == 5
    assert (youth_s.recorded_via, youth_s.told_by) == (CheckIn.Via.ON_BEHALF, told)
    assert youth_s.recorded_by == coordinator


def test_the_mentors_own_check_in_is_recorded_as_signed_in(mworld, active_match, api_for) -> None:
    mentor_s = active_match.checkins.get(party="mentor")
    answer = api_for(mworld.mentor.person).post(
        f"{API}/matches/{active_match.pk}/checkins/",
        {"checkin": str(mentor_s.pk), "rating": 4, "told_by": "ignored"},
        format="json",
    )
    assert answer.status_code == 200
    mentor_s.refresh_from_db()
    assert (mentor_s.recorded_via, mentor_s.told_by) == (CheckIn.Via.ACCOUNT, "")


def test_the_link_page_speaks_french(client, guardian_s, settings) -> None:
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"  # the site's language (the module's tests read English)
    with translation.override("fr"):
        page = client.get(_link_path(guardian_s), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert "Votre point de suivi du mentorat" in html and "Envoyer mes réponses" in html
    assert "check-in" not in html.lower() and "Send my answers" not in html
