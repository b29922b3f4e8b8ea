"""Attendance: bulk recording, non-members refused, threshold alert to the line manager, PDFs."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.models import Notification

from .. import services
from ..models import Attendance, GroupSettings


def test_it_records_attendance_in_bulk_on_one_page(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    page = client.get(f"/groups/sessions/{gw.past.pk}/attendance/").content.decode()
    assert page.count('type="radio"') == 3 * len(gw.members)
    data = {f"status_{m.pk}": "present" for m in gw.members}
    data[f"status_{gw.members[1].pk}"] = "excused"
    assert client.post(f"/groups/sessions/{gw.past.pk}/attendance/", data).status_code == 302
    assert Attendance.objects.filter(session=gw.past).count() == len(gw.members)
    assert Attendance.objects.get(member=gw.members[1]).status == "excused"
    gw.past.refresh_from_db()
    assert gw.past.status == "held"


def test_it_updates_rather_than_duplicates_a_second_recording(gw) -> None:
    marks = {m.pk: "present" for m in gw.members}
    services.attendance_record(session=gw.past, marks=marks, by=gw.w.facilitator)
    services.attendance_record(
        session=gw.past, marks={gw.members[0].pk: "absent"}, by=gw.w.facilitator
    )
    assert Attendance.objects.filter(session=gw.past).count() == len(gw.members)
    assert Attendance.objects.get(member=gw.members[0]).status == "absent"


def test_it_refuses_attendance_for_a_non_member_and_writes_nothing(gw) -> None:
    other = services.member_add(group=gw.other_group, person=gw.w.professional, by=None)
    marks = {gw.members[0].pk: "present", other.pk: "present"}
    with pytest.raises(ValidationError) as exc:
        services.attendance_record(session=gw.past, marks=marks, by=gw.w.facilitator)
    assert "members of this group" in exc.value.messages[0]
    assert not Attendance.objects.exists()


def test_it_refuses_attendance_for_a_future_session(gw) -> None:
    with pytest.raises(ValidationError):
        services.attendance_record(
            session=gw.future, marks={gw.members[0].pk: "present"}, by=gw.w.facilitator
        )


def test_it_refuses_attendance_by_anyone_but_a_facilitator(gw, client_for, api_for) -> None:
    # The coordinator and a member see the session, the line manager does not.
    for who, expected in ((gw.w.coordinator, 403), (gw.w.manager, 404), (gw.w.professional, 403)):
        url = f"/groups/sessions/{gw.past.pk}/attendance/"
        assert client_for(who).get(url).status_code == expected, who
    assert (
        client_for(gw.w.facilitator).get(f"/groups/sessions/{gw.past.pk}/attendance/").status_code
        == 200
    )
    body = [{"member": str(gw.members[0].pk), "status": "present"}]
    response = api_for(gw.w.coordinator).post(
        f"/api/v1/groups/sessions/{gw.past.pk}/attendance/", body, format="json"
    )
    assert response.status_code == 403
    ok = api_for(gw.w.facilitator).post(
        f"/api/v1/groups/sessions/{gw.past.pk}/attendance/", body, format="json"
    )
    assert ok.status_code == 200 and ok.json()[0]["status"] == "present"


def test_it_tells_the_line_manager_when_absences_reach_the_threshold(
    gw, django_capture_on_commit_callbacks
) -> None:
    from datetime import timedelta

    from ..models import Session

    GroupSettings.objects.create(organisation=gw.w.org_a, absence_threshold=2)
    second = Session.objects.create(
        group=gw.group,
        number=3,
        starts_at=gw.past.starts_at - timedelta(days=28),
        ends_at=gw.past.ends_at - timedelta(days=28),
    )
    paula = gw.members[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(session=gw.past, marks={paula.pk: "absent"}, by=gw.w.facilitator)
    assert not Notification.objects.filter(recipient=gw.w.manager.user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(session=second, marks={paula.pk: "absent"}, by=gw.w.facilitator)
    alert = Notification.objects.get(recipient=gw.w.manager.user)
    assert "Paula Pro" in alert.body and "2" in alert.body


def test_it_gives_the_attendance_sheet_only_for_a_held_session(gw, client_for, api_for) -> None:
    client = client_for(gw.w.facilitator)
    assert client.get(f"/groups/sessions/{gw.future.pk}/sheet.pdf").status_code == 302
    api = api_for(gw.w.facilitator)
    refused = api.get(f"/api/v1/groups/sessions/{gw.future.pk}/sheet/")
    assert refused.status_code == 400 and "held" in str(refused.json())
    services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    pdf = client.get(f"/groups/sessions/{gw.past.pk}/sheet.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_it_gives_a_member_their_yearly_certificate_with_the_facilitators_name(
    gw, client_for
) -> None:
    services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    member = gw.members[0]
    year = gw.past.starts_at.year
    response = client_for(gw.w.professional).get(
        f"/groups/{gw.group.pk}/members/{member.pk}/certificate.pdf?year={year}"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # Page streams are not compressed (pdf.py): the names are readable in the bytes.
    assert b"Fanny Facilitatrice" in response.content and b"Paula Pro" in response.content
    other = client_for(gw.w.colleague).get(
        f"/groups/{gw.group.pk}/members/{member.pk}/certificate.pdf"
    )
    assert other.status_code == 404


def test_it_keeps_attendance_from_the_platform_admin_in_the_list_the_detail_and_the_page(
    gw, client_for
) -> None:
    """Attendance and absences are staff's personal data: the admin sees the group frame only.
    The list once gave the admin every row while each detail answered 403 (docs/access-expected.md
    says 404 for both); the session page showed every row too."""
    from rest_framework.test import APIClient

    services.attendance_record(
        session=gw.past,
        marks={m.pk: "absent" if i == 0 else "present" for i, m in enumerate(gw.members)},
        by=gw.w.facilitator,
    )
    row = gw.past.attendance.get(member=gw.members[0])
    absent_name = str(gw.members[0].person)
    admin = APIClient()
    admin.force_authenticate(gw.w.admin)
    assert admin.get("/api/v1/groups/attendance/").json()["count"] == 0
    assert admin.get(f"/api/v1/groups/attendance/{row.pk}/").status_code == 404
    assert admin.get(f"/api/v1/groups/sessions/{gw.past.pk}/attendance/").json() == []
    page = client_for(gw.w.admin).get(f"/groups/sessions/{gw.past.pk}/")
    assert page.status_code == 200  # the frame
    assert absent_name not in _attendance_table(page)
    # Positive control: the coordinator of the group's organisation reads them everywhere.
    coordinator = APIClient()
    coordinator.force_authenticate(gw.w.coordinator.user)
    assert coordinator.get("/api/v1/groups/attendance/").json()["count"] == len(gw.members)
    assert coordinator.get(f"/api/v1/groups/attendance/{row.pk}/").status_code == 200
    page = client_for(gw.w.coordinator).get(f"/groups/sessions/{gw.past.pk}/")
    assert absent_name in _attendance_table(page)


def _attendance_table(page) -> str:  # type: ignore[no-untyped-def]
    html = page.content.decode()
    start = html.index('id="attendance-summary"')
    return html[start : html.index("</table>", start)]


def test_a_certificate_asked_for_a_year_that_is_not_one_says_so_on_a_page(gw, client_for) -> None:
    """Outside test: `?year=abc` answered a bare line of text; now the product's page, with the
    message and a way back to the group."""
    member = gw.members[0]
    response = client_for(gw.w.professional).get(
        f"/groups/{gw.group.pk}/members/{member.pk}/certificate.pdf?year=abc"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="topbar"' in html and f'href="/groups/{gw.group.pk}/"' in html
    assert 'id="bad-request"' in html
