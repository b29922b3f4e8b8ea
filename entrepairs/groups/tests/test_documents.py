"""Every PDF of the groups (attendance sheet, yearly certificate) read through text extraction:
the expected names and dates are in it, and exactly who may download it. The quote and the
contract are tested in the contracts app."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from entrepairs.organisations.models import Membership, Organisation, Role

from .. import services

BANDS = [{"from": 1, "to": None, "hourly_rate": "90"}]
RHYTHM = [{"from": 1, "to": None, "discount_percent": "0"}]


@pytest.fixture
def held(gw):  # type: ignore[no-untyped-def]
    services.attendance_record(
        session=gw.past,
        marks={m.pk: "present" if i else "excused" for i, m in enumerate(gw.members)},
        by=gw.w.facilitator,
    )
    return gw


def test_it_writes_the_group_the_date_the_members_and_their_marks_on_the_attendance_sheet(
    held, client_for, pdf_text
) -> None:
    response = client_for(held.w.facilitator).get(f"/groups/sessions/{held.past.pk}/sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    day = date_format(timezone.localtime(held.past.starts_at), "j F Y")  # "25 November 2026"
    assert "Supervision Lille" in text and day in text and "Fanny Facilitatrice" in text
    for member in held.members:
        assert str(member.person) in text
    assert "Excused" in text and "Present" in text


@pytest.mark.parametrize(
    "who,expected",
    [
        ("facilitator", 200),
        ("coordinator", 200),  # runs the organisation's groups
        ("member", 403),  # sees the session, does not run it
        ("coordinator of a partner organisation", 403),  # sees the frame only
        ("line manager", 404),
        ("unrelated coordinator", 404),
    ],
)
def test_it_gives_the_attendance_sheet_to_those_who_run_the_group(
    held, client_for, who, expected
) -> None:
    from entrepairs.people.models import Person

    unrelated_org = Organisation.objects.create(name="Ailleurs", slug="ailleurs")
    unrelated = Person.objects.create(organisation=unrelated_org, first_name="U", last_name="N")
    person = {
        "facilitator": held.w.facilitator,
        "coordinator": held.w.coordinator,
        "member": held.w.professional,
        "coordinator of a partner organisation": held.w.coordinator_b,
        "line manager": held.w.manager,
        "unrelated coordinator": unrelated,
    }[who]
    if who == "unrelated coordinator":
        from entrepairs.accounts.models import User

        person.user = User.objects.create_user("u@ailleurs.test", held.w.password)
        person.save()
        Membership.objects.create(person=person, organisation=unrelated_org, role=Role.COORDINATOR)
    url = f"/groups/sessions/{held.past.pk}/sheet.pdf"
    assert client_for(person).get(url).status_code == expected


def test_it_certifies_a_members_attendance_in_words_with_names_and_year(
    held, client_for, pdf_text
) -> None:
    member = held.members[1]  # present at the held session
    year = held.past.starts_at.year
    url = f"/groups/{held.group.pk}/members/{member.pk}/certificate.pdf?year={year}"
    response = client_for(member.person).get(url)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert str(member.person) in text and "Fanny Facilitatrice" in text
    assert "Supervision Lille" in text and str(year) in text
    assert "attended 1 session out of 1 held" in text
    assert date_format(timezone.localtime(held.past.starts_at), "j F Y") in text


@pytest.mark.parametrize(
    "who,expected",
    [
        ("the member", 200),
        ("their line manager", 200),
        ("the facilitator", 200),
        ("the coordinator", 200),
        ("another member", 404),
        ("coordinator of a partner organisation", 404),
    ],
)
def test_it_gives_a_certificate_to_the_member_and_those_responsible(
    held, client_for, who, expected
) -> None:
    member = held.members[2]  # Alice Arnaud, managed by the line manager
    person = {
        "the member": member.person,
        "their line manager": held.w.manager,
        "the facilitator": held.w.facilitator,
        "the coordinator": held.w.coordinator,
        "another member": held.w.colleague,
        "coordinator of a partner organisation": held.w.coordinator_b,
    }[who]
    url = f"/groups/{held.group.pk}/members/{member.pk}/certificate.pdf"
    assert client_for(person).get(url).status_code == expected
