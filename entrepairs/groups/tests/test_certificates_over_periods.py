"""The attendance sheet shows each signature per half-day with its time; the attendance certificate
and the certificate of completion cover a calendar year, a programme year, explicit dates or a
contract's year; in French, dates and hours are written the French way. Text read with pypdf."""

import base64
import io
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from .. import pdf
from ..models import Attendance, AttendanceSignature, Session
from ..periods import Period, calendar_year, period_from, programme_year
from .test_attendance_signatures import png


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def year(gw):  # type: ignore[no-untyped-def]
    """Two held sessions of the group: 12 May 2026 (afternoon) and 6 October 2026 (a full day);
    the first member present at both, signing drawn in May and typed on the facilitator's device
    in October; the second excused in October."""
    may = Session.objects.create(
        group=gw.group,
        number=3,
        starts_at=local(date(2026, 5, 12), 14),
        ends_at=local(date(2026, 5, 12), 17, 30),
        status="held",
        site=gw.site,
        room="Salle calme",
    )
    october = Session.objects.create(
        group=gw.group,
        number=4,
        starts_at=local(date(2026, 10, 6), 9),
        ends_at=local(date(2026, 10, 6), 17),
        status="held",
        site=gw.site,
        room="Salle calme",
    )
    first, second = gw.members[0], gw.members[1]
    may_row = Attendance.objects.create(session=may, member=first, status="present")
    AttendanceSignature.objects.create(
        attendance=may_row,
        day=date(2026, 5, 12),
        half_day="pm",
        signed_at=local(date(2026, 5, 12), 14, 5),
        method="own_device",
        drawing=base64.b64decode(png().split(",", 1)[1]),
        ip_address="192.0.2.7",
    )
    october_row = Attendance.objects.create(session=october, member=first, status="present")
    AttendanceSignature.objects.create(
        attendance=october_row,
        day=date(2026, 10, 6),
        half_day="am",
        signed_at=local(date(2026, 10, 6), 9, 12),
        method="facilitator_device",
        typed_name="Paul Professionnel",
        collected_by=gw.w.facilitator,
    )
    Attendance.objects.create(session=october, member=second, status="excused")
    gw.may, gw.october = may, october
    return gw


def text_of(content: bytes) -> str:
    import re

    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_sheet_shows_each_half_day_with_the_drawn_or_typed_signature_and_its_time(
    year,
) -> None:
    october = text_of(pdf.attendance_sheet(year.october))
    assert "6 October 2026, morning" in october and "6 October 2026, afternoon" in october
    assert "« Paul Professionnel »" in october
    assert "signed on 6 October 2026 at 09:12 (facilitator's device)" in october
    content = pdf.attendance_sheet(year.may)
    may = text_of(content)
    assert "12 May 2026, afternoon" in may and "signed on 12 May 2026 at 14:05 (own device)" in may
    assert "morning" not in may  # an afternoon session is one half-day
    # The drawn signature is printed as a picture.
    assert len(PdfReader(io.BytesIO(content)).pages[0].images) == 1


def test_the_sheet_and_certificates_write_dates_and_hours_the_french_way(year) -> None:
    member = year.members[0]
    with translation.override("fr"):
        sheet = text_of(pdf.attendance_sheet(year.may))
        certificate = text_of(pdf.certificate(member, calendar_year(2026)))
        completion = text_of(pdf.completion_certificate(member, calendar_year(2026)))
    assert "Feuille d’émargement" in sheet or "Feuille d'émargement" in sheet
    assert "12 mai 2026, après-midi" in sheet and "signé le 12 mai 2026 à 14 h 05" in sheet
    assert "12 mai 2026" in certificate and "6 octobre 2026" in certificate
    employer = member.person.organisation.name
    assert f"salarié·e d’{employer}" in completion or employer[0] not in "AEIOUÉ", completion
    assert "11,5 heures" in certificate  # 3.5 + 8 hours, with a decimal comma
    assert "l’année 2026" in certificate or "l'année 2026" in certificate
    assert "Certificat de réalisation" in completion
    assert "action de formation" in completion and "L6313-1" in completion
    assert "du 12 mai 2026 au 6 octobre 2026" in completion
    assert "11,5" in completion


def test_a_certificate_covers_the_programme_year_not_only_the_calendar_year(year) -> None:
    member = year.members[0]
    assert programme_year(year.group, 2026) == Period(date(2026, 9, 1), date(2027, 8, 31))
    text = text_of(pdf.certificate(member, programme_year(year.group, 2026)))
    assert "attended 1 session out of 1 held" in text  # October only, not May
    assert "from 1 September 2026 to 31 August 2027" in text
    assert "12 May 2026" not in text and "6 October 2026" in text
    calendar = text_of(pdf.certificate(member, calendar_year(2026)))
    assert "attended 2 sessions out of 2 held" in calendar and "year 2026" in calendar


@pytest.mark.parametrize(
    "params,field",
    [
        ({"from": "2026-10-01", "to": "2026-09-01"}, "to"),
        ({"from": "2026-10-01"}, "to"),
        ({"to": "2026-10-01"}, "from"),
        ({"from": "1er octobre"}, "from"),
        ({"programme_year": "deux mille"}, "programme_year"),
        ({"year": "99"}, "year"),
        ({"contract": "not-a-contract"}, "contract"),
    ],
)
def test_it_refuses_a_bad_period_with_the_field_named(gw, params, field) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        period_from(params, group=gw.group, viewer=gw.w.facilitator.user, today=date(2026, 6, 1))
    assert field in exc.value.message_dict


def test_it_reads_explicit_dates_and_defaults_to_this_calendar_year(gw) -> None:
    explicit = period_from(
        {"from": "2026-09-01", "to": "2027-06-30"},
        group=gw.group,
        viewer=None,
        today=date(2026, 6, 1),
    )
    assert explicit == Period(date(2026, 9, 1), date(2027, 6, 30))
    assert period_from({}, group=gw.group, viewer=None, today=date(2026, 6, 1)) == calendar_year(
        2026
    )


def test_a_certificate_covers_a_contracts_year(year, client_for, pdf_text) -> None:
    from entrepairs.contracts.models import Contract, PriceGrid

    grid = PriceGrid.objects.create(
        provider=year.w.org_a,
        name="Grille",
        beneficiary_bands=[{"from": 1, "to": None, "hourly_rate": "90"}],
        rhythm_bands=[{"from": 1, "to": None, "discount_percent": "0"}],
    )
    contract = Contract.objects.create(
        provider=year.w.org_a,
        client=year.w.org_a,
        group=year.group,
        provider_person=year.w.facilitator,
        price_grid=grid,
        sessions_per_year=10,
        beneficiaries=6,
        price_per_session=Decimal("300"),
        quote_valid_until=date(2026, 6, 30),
        status="signed",
        signed_at=local(date(2026, 6, 1), 10),
    )
    member = year.members[0]
    url = f"/groups/{year.group.pk}/members/{member.pk}/certificate.pdf?contract={contract.pk}"
    response = client_for(year.w.facilitator).get(url)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "from 1 June 2026 to 31 May 2027" in text and "attended 1 session out of 1 held" in text
    # The member names the contract of their own group (outside test of issue 13: refused as
    # "no contract of this group"); a contract of another group is still no period.
    own = client_for(member.person).get(url)
    assert own.status_code == 200 and "from 1 June 2026 to 31 May 2027" in pdf_text(own.content)
    Contract.objects.filter(pk=contract.pk).update(group=None)
    assert client_for(member.person).get(url).status_code == 400


def test_the_pages_and_the_api_give_both_certificates_for_a_period(
    year, client_for, api_for, pdf_text
) -> None:
    member = year.members[0]
    base = f"/groups/{year.group.pk}/members/{member.pk}"
    page = client_for(member.person).get(f"{base}/completion.pdf?programme_year=2026")
    assert page.status_code == 200 and "Certificate of completion" in pdf_text(page.content)
    bad = client_for(member.person).get(f"{base}/certificate.pdf?from=2026-10-01&to=2026-01-01")
    assert bad.status_code == 400
    api = api_for(year.w.facilitator)
    url = f"/api/v1/groups/members/{member.pk}/"
    answer = api.get(f"{url}certificate/?from=2026-01-01&to=2026-12-31")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert "attended 2 sessions out of 2 held" in pdf_text(answer.content)
    completion = api.get(f"{url}completion/?programme_year=2026")
    assert completion.status_code == 200
    error = api.get(f"{url}certificate/?programme_year=soon")
    assert error.status_code == 400 and "programme_year" in error.json()["error"]["fields"]
    # Another member of the group sees the member, not their certificate.
    assert api_for(year.members[2].person).get(f"{url}certificate/").status_code == 404


def test_the_group_page_offers_both_certificates_over_the_chosen_year(year, client_for) -> None:
    member = year.members[0]
    client = client_for(member.person)
    page = client.get(f"/groups/{year.group.pk}/?scope=programme_year&value=2026").content.decode()
    assert f"/groups/{year.group.pk}/members/{member.pk}/completion.pdf?programme_year=2026" in page
    assert "from 1 September 2026 to 31 August 2027" in page
    default = client.get(f"/groups/{year.group.pk}/").content.decode()
    assert f"certificate.pdf?year={timezone.localdate().year}" in default
    wrong = client.get(f"/groups/{year.group.pk}/?scope=year&value=demain").content.decode()
    assert 'id="certificate-error"' in wrong and "Give a year" in wrong


@pytest.mark.parametrize("kind", ["certificate", "completion"])
def test_a_line_manager_has_his_staffs_certificates_on_the_page_and_in_the_api(
    year, client_for, api_for, kind
) -> None:
    """docs/access-expected.md §2 (outside test of issue 13: the page gave the PDF, the API 404):
    one selector decides for both channels; the manager does not see the group itself."""
    member = year.members[0]  # Paula, whose line manager is Marc
    manager = year.w.manager
    page = f"/groups/{year.group.pk}/members/{member.pk}/{kind}.pdf?year=2026"
    api = f"/api/v1/groups/members/{member.pk}/{kind}/?year=2026"
    assert client_for(manager).get(page).status_code == 200
    answer = api_for(manager).get(api)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert api_for(manager).get(f"/api/v1/groups/{year.group.pk}/").status_code == 404
    # Not his staff: a member without him as line manager stays unknown, in both channels.
    other = year.members[3]  # Bob, who has no line manager
    assert client_for(manager).get(page.replace(str(member.pk), str(other.pk))).status_code == 404
    assert api_for(manager).get(api.replace(str(member.pk), str(other.pk))).status_code == 404


# --- the certificate's wording follows the attendance (issue 15, outside test) ----------------


def test_a_presence_nobody_signed_is_not_written_as_a_bare_present(year) -> None:
    """The first member signed May's afternoon, and one of October's two half-days."""
    member = year.members[0]
    with translation.override("fr"):
        text = text_of(pdf.certificate(member, calendar_year(2026)))
    assert "Attestation d’assiduité" in text
    assert "Présent·e, émargement signé" in text  # May: its one half-day signed
    assert "Présent·e, 1 demi-journée signée sur 2" in text  # October
    assert "Demi-journées signées sur la feuille d’émargement : 2 sur 3." in text
    year.october.attendance.get(member=member).signatures.all().delete()
    with translation.override("fr"):
        text = text_of(pdf.certificate(member, calendar_year(2026)))
    assert "Présence déclarée, émargement non signé" in text
    assert "1 sur 3" in text


def test_a_member_who_attended_nothing_gets_a_statement_saying_so(year, client_for) -> None:
    """The second member was excused in October and never present: a training body issues no
    certificate of presence; the statement says they attended none (their absences)."""
    member = year.members[1]
    url = f"/groups/{year.group.pk}/members/{member.pk}/certificate.pdf?year=2026"
    client = client_for(year.w.facilitator)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    with translation.override("fr"):
        text = text_of(pdf.certificate(member, calendar_year(2026)))
    assert "Relevé d’assiduité" in text and "Attestation" not in text
    assert "n’a assisté à aucune des séances tenues" in text
    assert "séances tenues : 2" in text and "1 absence excusée" in text
    assert "Présent" not in text and "heure" not in text
    # A certificate of completion is still refused (Code du travail L6353-1).
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        pdf.completion_certificate(member, calendar_year(2026))


def test_it_reads_a_french_date_and_says_the_format_when_it_cannot(gw) -> None:
    """Outside test: ?from=01/09/2026 gave « Indiquez le premier jour de la période. » without
    the format expected."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    french = period_from(
        {"from": "01/09/2026", "to": "30/6/2027"},
        group=gw.group,
        viewer=None,
        today=date(2026, 6, 1),
    )
    assert french == Period(date(2026, 9, 1), date(2027, 6, 30))
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        period_from(
            {"from": "31/02/2026", "to": "2026-12-31"},
            group=gw.group,
            viewer=None,
            today=date(2026, 6, 1),
        )
    assert exc.value.message_dict["from"] == [
        "Indiquez le premier jour de la période au format JJ/MM/AAAA (ou AAAA-MM-JJ)."
    ]


def test_the_page_and_the_api_take_a_french_date(year, client_for, api_for, pdf_text) -> None:
    member = year.members[0]
    page = client_for(member.person).get(
        f"/groups/{year.group.pk}/members/{member.pk}/certificate.pdf?from=01/01/2026&to=31/12/2026"
    )
    assert page.status_code == 200
    api = api_for(year.w.facilitator)
    url = f"/api/v1/groups/members/{member.pk}/certificate/"
    answer = api.get(f"{url}?from=01/01/2026&to=31/12/2026")
    assert answer.status_code == 200
    assert "attended 2 sessions out of 2 held" in pdf_text(answer.content)
    bad = api.get(f"{url}?from=1er janvier&to=31/12/2026")
    assert bad.status_code == 400
    assert "DD/MM/YYYY" in bad.json()["error"]["fields"]["from"][0]
