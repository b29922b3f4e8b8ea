"""Attendance signed electronically per half-day: who signs, for which half-day, drawn or typed,
and the refusals (a member marked absent signs nothing; a signer cannot be marked absent)."""

import base64
from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, ImageDraw

from .. import services
from ..models import Attendance, AttendanceSignature, Session
from ..signatures import attendance_sign, decode_drawing, half_days


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def session_of(gw, start: datetime, end: datetime) -> Session:  # type: ignore[no-untyped-def]
    return Session.objects.create(
        group=gw.group, number=3, starts_at=start, ends_at=end, site=gw.site, room="Salle calme"
    )


def png(ink: bool = True, size: tuple[int, int] = (300, 120)) -> str:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if ink:
        ImageDraw.Draw(image).line([(10, 100), (150, 20), (290, 90)], fill="black", width=3)
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def afternoon(gw):  # type: ignore[no-untyped-def]
    return session_of(gw, at(-1, 14), at(-1, 17, 30))


def test_it_counts_an_afternoon_as_one_half_day_and_a_full_day_as_two(gw) -> None:
    assert [s.half_day for s in half_days(session_of(gw, at(-1, 14), at(-1, 17, 30)))] == ["pm"]
    assert [s.half_day for s in half_days(session_of(gw, at(-1, 9), at(-1, 12, 30)))] == ["am"]
    assert [s.half_day for s in half_days(session_of(gw, at(-1, 9), at(-1, 17)))] == ["am", "pm"]
    # Crossing 13:00 by half an hour stays one half-day; two full days are four.
    assert [s.half_day for s in half_days(session_of(gw, at(-1, 10), at(-1, 13, 30)))] == ["am"]
    assert len(half_days(session_of(gw, at(-2, 9), at(-1, 17)))) == 4


def test_a_member_signs_on_their_own_device_and_is_marked_present(gw, afternoon) -> None:
    member = gw.members[0]
    slot = half_days(afternoon)[0]
    signature = attendance_sign(
        session=afternoon,
        member=member,
        half_day=slot.key,
        by=member.person,
        own_device=True,
        drawing=png(),
        ip_address="192.0.2.4",
    )
    assert signature.method == "own_device" and signature.is_drawn and not signature.typed_name
    assert signature.ip_address == "192.0.2.4" and signature.signed_at is not None
    assert Attendance.objects.get(session=afternoon, member=member).status == "present"
    afternoon.refresh_from_db()
    assert afternoon.status == "held"


def test_the_facilitator_collects_a_typed_signature_on_their_device(gw, afternoon) -> None:
    member = gw.members[1]
    signature = attendance_sign(
        session=afternoon,
        member=member,
        half_day=half_days(afternoon)[0].key,
        by=gw.w.facilitator,
        own_device=False,
        typed_name="colin COLLÈGUE",
    )
    assert signature.method == "facilitator_device"
    assert signature.collected_by == gw.w.facilitator and signature.typed_name == "colin COLLÈGUE"


def test_it_refuses_a_signature_from_a_member_marked_absent_and_writes_nothing(
    gw, afternoon
) -> None:
    member = gw.members[0]
    services.attendance_record(session=afternoon, marks={member.pk: "absent"}, by=gw.w.facilitator)
    with pytest.raises(ValidationError) as exc:
        attendance_sign(
            session=afternoon,
            member=member,
            half_day=half_days(afternoon)[0].key,
            by=member.person,
            own_device=True,
            typed_name="Paula Pro",
        )
    assert "did not attend" in exc.value.message_dict["member"][0]
    assert str(member.person) in exc.value.message_dict["member"][0]
    assert not AttendanceSignature.objects.exists()


def test_it_refuses_to_mark_absent_a_member_who_signed(gw, afternoon) -> None:
    member = gw.members[0]
    attendance_sign(
        session=afternoon,
        member=member,
        half_day=half_days(afternoon)[0].key,
        by=member.person,
        own_device=True,
        typed_name="Paula Pro",
    )
    with pytest.raises(ValidationError) as exc:
        services.attendance_record(
            session=afternoon, marks={member.pk: "excused"}, by=gw.w.facilitator
        )
    assert "signed the attendance" in exc.value.messages[0]
    assert Attendance.objects.get(session=afternoon, member=member).status == "present"


@pytest.mark.parametrize(
    "case,field",
    [
        ("future session", "half_day"),
        ("too late on own device", "half_day"),
        ("other half-day", "half_day"),
        ("twice", "half_day"),
        ("for someone else", "member"),
        ("non-facilitator device", "member"),
        ("both drawn and typed", "typed_name"),
        ("neither", "typed_name"),
        ("blank typed name", "typed_name"),
        ("empty drawing", "drawing"),
        ("not a png", "drawing"),
        ("too large", "drawing"),
    ],
)
def test_it_refuses_each_bad_signature_with_a_field_error(gw, afternoon, case, field) -> None:
    member = gw.members[0]
    kwargs = {
        "session": afternoon,
        "member": member,
        "half_day": half_days(afternoon)[0].key,
        "by": member.person,
        "own_device": True,
        "typed_name": "Paula Pro",
    }
    if case == "future session":
        kwargs["session"] = gw.future
        kwargs["half_day"] = half_days(gw.future)[0].key
    elif case == "too late on own device":
        kwargs["session"] = session_of(gw, at(-3, 14), at(-3, 17))
        kwargs["half_day"] = half_days(kwargs["session"])[0].key
    elif case == "other half-day":
        kwargs["half_day"] = half_days(afternoon)[0].key.replace("-pm", "-am")
    elif case == "twice":
        attendance_sign(**kwargs)
    elif case == "for someone else":
        kwargs["by"] = gw.members[1].person
    elif case == "non-facilitator device":
        kwargs.update(own_device=False, by=gw.members[1].person)
    elif case == "both drawn and typed":
        kwargs["drawing"] = png()
    elif case == "neither":
        kwargs["typed_name"] = ""
    elif case == "blank typed name":
        kwargs["typed_name"] = "\u200b"
    elif case == "empty drawing":
        kwargs.update(typed_name="", drawing=png(ink=False))
    elif case == "not a png":
        fake = base64.b64encode(b"<svg onload=alert(1)></svg>").decode()
        kwargs.update(typed_name="", drawing="data:image/png;base64," + fake)
    elif case == "too large":
        kwargs.update(typed_name="", drawing=png(size=(2000, 200)))
    before = AttendanceSignature.objects.count()
    with pytest.raises(ValidationError) as exc:
        attendance_sign(**kwargs)
    assert field in exc.value.message_dict, exc.value
    assert AttendanceSignature.objects.count() == before


def test_it_refuses_a_signature_for_a_cancelled_session(gw) -> None:
    session = session_of(gw, at(-1, 14), at(-1, 17))
    Session.objects.filter(pk=session.pk).update(status="cancelled")
    session.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        attendance_sign(
            session=session,
            member=gw.members[0],
            half_day=half_days(session)[0].key,
            by=gw.members[0].person,
            own_device=True,
            typed_name="Paula Pro",
        )
    assert "cancelled" in exc.value.messages[0]


def test_it_reads_only_png_data_urls() -> None:
    assert decode_drawing(png()).startswith(b"\x89PNG")
    with pytest.raises(ValidationError):
        decode_drawing("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=")


# --- the page and the API -----------------------------------------------------------------------


def test_a_member_signs_on_the_page_and_sees_their_signature(gw, afternoon, client_for) -> None:
    member = gw.members[0]
    client = client_for(member.person)
    url = f"/groups/sessions/{afternoon.pk}/sign/"
    page = client.get(url).content.decode()
    assert "signature-pad.js" in page and 'name="member"' not in page  # signs for themselves
    slot = half_days(afternoon)[0]
    response = client.post(url, {"half_day": slot.key, "mode": "draw", "drawing": png()})
    assert response.status_code == 302
    assert AttendanceSignature.objects.get().method == "own_device"
    assert "Nobody has signed yet" not in client.get(url).content.decode()


def test_the_page_shows_the_refusal_next_to_the_field(gw, afternoon, client_for) -> None:
    member = gw.members[0]
    services.attendance_record(session=afternoon, marks={member.pk: "absent"}, by=gw.w.facilitator)
    client = client_for(gw.w.facilitator)
    response = client.post(
        f"/groups/sessions/{afternoon.pk}/sign/",
        {
            "member": str(member.pk),
            "half_day": half_days(afternoon)[0].key,
            "mode": "type",
            "typed_name": "Paula Pro",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="member-error"' in page and "did not attend" in page
    assert not AttendanceSignature.objects.exists()


def test_only_the_groups_people_open_the_signing_page(gw, afternoon, client_for) -> None:
    url = f"/groups/sessions/{afternoon.pk}/sign/"
    assert client_for(gw.w.facilitator).get(url).status_code == 200
    assert client_for(gw.w.coordinator).get(url).status_code == 403  # sees the session
    assert client_for(gw.w.manager).get(url).status_code == 404  # does not see it
    assert client_for(gw.outsider).get(url).status_code == 404


def test_the_api_signs_for_a_member_and_refuses_an_absent_one(gw, afternoon, api_for) -> None:
    member, absent = gw.members[0], gw.members[1]
    services.attendance_record(session=afternoon, marks={absent.pk: "absent"}, by=gw.w.facilitator)
    slot = half_days(afternoon)[0].key
    url = f"/api/v1/groups/sessions/{afternoon.pk}/signatures/"
    mine = api_for(member.person).post(url, {"half_day": slot, "drawing": png()}, format="json")
    assert mine.status_code == 200, mine.content
    assert [row["method"] for row in mine.json()] == ["own_device"]
    assert mine.json()[0]["drawn"] is True and mine.json()[0]["half_day"] == "pm"
    refused = api_for(gw.w.facilitator).post(
        url, {"member": str(absent.pk), "half_day": slot, "typed_name": "Claire"}, format="json"
    )
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert "member" in error["fields"] and "did not attend" in error["fields"]["member"][0]
    # The facilitator lists every signature, another member only their own.
    assert len(api_for(gw.w.facilitator).get(url).json()) == 1
    assert api_for(gw.members[2].person).get(url).json() == []
    assert api_for(gw.w.coordinator).post(url, {"half_day": slot}, format="json").status_code == 403
    assert api_for(gw.w.manager).get(url).status_code == 404
