"""Outside test of #14: bad input gets a clear message next to its field and writes nothing,
alike on the page and the API (the rule lives in the service or on the model)."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from entrepairs.mentoring.models import CheckIn, Closure, ProgressNote, ScreeningStep
from entrepairs.people.models import Placement

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"
LONG = "x" * 20_000


def _fields(answer):  # type: ignore[no-untyped-def]
    assert answer.status_code == 400, answer.content
    return answer.json()["error"]["fields"]


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def _placed_since_spring(youth):  # type: ignore[no-untyped-def]
    Placement.objects.filter(child=youth.person).update(since=date(2026, 4, 1))


# 1. A move into a foster or adoptive family names whom to call.


def test_a_move_to_a_family_without_a_contact_is_refused(mworld, client_for, api_for) -> None:
    worker, youth = mworld.world.worker_b, mworld.youth
    _placed_since_spring(youth)
    for kind in ("foster_family", "adoptive_family"):
        api = api_for(worker).post(
            f"{API}/youths/{youth.pk}/placement/",
            {"kind": kind, "since": _yesterday(), "new_family": []},
            format="json",
        )
        assert "must know whom to call" in str(_fields(api)["family"])
        page = client_for(worker).post(
            f"/mentoring/youths/{youth.pk}/",
            {"action": "placement", "p-kind": kind, "p-since": _yesterday()},
        )
        assert page.status_code == 200 and "whom to call" in page.content.decode()
    assert Placement.objects.filter(child=youth.person).count() == 1
    youth.refresh_from_db()
    assert youth.guardian_id is not None  # the foster parent was not silently dropped


def test_a_move_to_a_home_needs_no_family_contact(mworld, api_for) -> None:
    _placed_since_spring(mworld.youth)
    home = api_for(mworld.world.worker_b).post(
        f"{API}/youths/{mworld.youth.pk}/placement/",
        {"kind": "childrens_home", "since": _yesterday()},
        format="json",
    )
    assert home.status_code == 201, home.content
    assert home.json()["family"] == []


# 2. A date of something that happened is neither in the future nor absurdly old.


@pytest.mark.parametrize("day", ["2099-01-01", "1990-01-01"])
def test_a_closure_conversation_dated_out_of_range_is_refused(
    mworld, active_match, client_for, api_for, day
) -> None:
    worker = mworld.world.worker_b
    body = {
        "reason": "mentor_moving",
        "conversation_on": day,
        "conversation": "Mona déménage à Lyon ; nous l’avons dit à Lina ensemble.",
        "youth_view": "Lina comprend et voudrait un autre mentor.",
    }
    api = api_for(worker).post(f"{API}/matches/{active_match.pk}/close/", body, format="json")
    assert "conversation_on" in _fields(api)
    page = client_for(worker).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "close", **{f"c-{k}": v for k, v in body.items()}},
    )
    assert page.status_code == 200
    assert ("in the future" if day > "2026" else "years ago") in page.content.decode()
    assert not Closure.objects.filter(match=active_match).exists()


def test_a_screening_step_dated_in_2099_is_refused(mworld, client_for, api_for) -> None:
    coordinator, mentor = mworld.world.coordinator, mworld.mentor
    before = ScreeningStep.objects.filter(mentor=mentor).count()
    api = api_for(coordinator).post(
        f"{API}/mentors/{mentor.pk}/screening/",
        {"kind": "interview", "outcome": "passed", "done_on": "2099-01-01"},
        format="json",
    )
    assert "in the future" in str(_fields(api)["done_on"])
    page = client_for(coordinator).post(
        f"/mentoring/mentors/{mentor.pk}/",
        {
            "action": "screening",
            "s-kind": "interview",
            "s-outcome": "passed",
            "s-done_on": "2099-01-01",
        },
    )
    assert page.status_code == 200 and "in the future" in page.content.decode()
    assert ScreeningStep.objects.filter(mentor=mentor).count() == before


def test_a_checkin_dated_in_the_future_is_refused(mworld, active_match, api_for) -> None:
    checkin = active_match.checkins.get(party="mentor", done_on__isnull=True)
    api = api_for(mworld.mentor.person).post(
        f"{API}/matches/{active_match.pk}/checkins/",
        {"checkin": str(checkin.pk), "rating": 4, "done_on": "2099-01-01"},
        format="json",
    )
    if api.status_code == 400:  # the API takes the date when it accepts one
        assert "done_on" in _fields(api)
    checkin.refresh_from_db()
    assert checkin.done_on is None or checkin.done_on <= timezone.localdate()


# 3. The agreement's removal delay is bounded.


def test_a_removal_delay_of_100000_days_is_refused(mworld, client_for, api_for) -> None:
    agreement, coordinator = mworld.agreement, mworld.world.coordinator
    api = api_for(coordinator).patch(
        f"{API}/agreements/{agreement.pk}/", {"removed_days_after_end": 100000}, format="json"
    )
    assert re.search(r"3[,\u202f ]?650", str(_fields(api)["removed_days_after_end"]))
    page = client_for(coordinator).post(
        f"/mentoring/agreements/{agreement.pk}/",
        {
            "share_first_name": "on",
            "purpose_first_name": "address the youth",
            "removed_days_after_end": "100000",
        },
    )
    assert page.status_code == 200 and re.search(r"3[,\u202f ]?650", page.content.decode())
    agreement.refresh_from_db()
    assert agreement.removed_days_after_end == 30
    assert agreement.proposed_removed_days_after_end is None


# 4. Answers given on a party's behalf say who gave them.


def test_a_checkin_on_a_partys_behalf_needs_who_told_it(
    mworld, active_match, client_for, api_for
) -> None:
    coordinator = mworld.world.coordinator
    checkin = active_match.checkins.get(party="youth", done_on__isnull=True)
    api = api_for(coordinator).post(
        f"{API}/matches/{active_match.pk}/checkins/",
        {"checkin": str(checkin.pk), "rating": 4, "told_by": "  "},
        format="json",
    )
    assert "who gave these answers" in str(_fields(api)["told_by"])
    page = client_for(coordinator).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "checkin", "checkin": str(checkin.pk), f"ci{checkin.pk}-rating": 4},
    )
    assert page.status_code == 200
    checkin.refresh_from_db()
    assert checkin.done_on is None
    told = api_for(coordinator).post(
        f"{API}/matches/{active_match.pk}/checkins/",
        {"checkin": str(checkin.pk), "rating": 4, "told_by": "Lina, au téléphone"},
        format="json",
    )
    assert told.status_code == 200, told.content
    checkin.refresh_from_db()
    assert checkin.recorded_via == CheckIn.Via.ON_BEHALF and checkin.told_by.startswith("Lina")


# 5. Free text has a bounded length.


def test_a_note_of_20000_characters_is_refused(mworld, active_match, client_for, api_for) -> None:
    coordinator = mworld.world.coordinator
    api = api_for(coordinator).post(
        f"{API}/matches/{active_match.pk}/notes/", {"text": LONG}, format="json"
    )
    assert re.search(r"5[,\u202f ]?000", str(_fields(api)["text"]))
    page = client_for(coordinator).post(
        f"/mentoring/matches/{active_match.pk}/", {"action": "note", "n-text": LONG}
    )
    assert page.status_code == 200 and re.search(r"5[,\u202f ]?000", page.content.decode())
    assert not ProgressNote.objects.filter(match=active_match).exists()


def test_the_schema_documents_the_length_of_a_closure_conversation() -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    props = schema["components"]["schemas"]["MentoringCloseRequest"]["properties"]
    assert props["conversation"]["maxLength"] == 5000


# 6. A note about one youth is not silently unshared.


def test_a_note_about_a_youth_with_sharing_is_refused_not_dropped(
    mworld, active_match, api_for
) -> None:
    api = api_for(mworld.world.coordinator).post(
        f"{API}/matches/{active_match.pk}/notes/",
        {
            "text": "Bonne sortie",
            "youth": str(mworld.youth.pk),
            "shared_with": [str(mworld.world.org_b.pk)],
        },
        format="json",
    )
    assert "group note" in str(_fields(api)["shared_with"])
    assert not ProgressNote.objects.filter(match=active_match).exists()


def test_old_dates_are_refused_on_a_screening_step_by_the_service(mworld) -> None:
    from django.core.exceptions import ValidationError

    from entrepairs.mentoring import services

    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            mentor=mworld.mentor,
            kind="interview",
            outcome="passed",
            done_on=date(1990, 1, 1),
            by=mworld.world.coordinator,
        )
    assert "years ago" in str(exc.value.message_dict["done_on"])
