"""Certificates are issued by the training body (issue 13, outside test: the certificate of
completion named the client as issuer): the provider of the group's signed contract with its
legal identity (name, address, SIRET, declaration number), the client only as the participant's
employer; the attendance certificate and sheet say the same; page and API alike."""

import io
from datetime import timedelta

from django.utils import timezone
from pypdf import PdfReader

from entrepairs.core.services import SYSTEM
from entrepairs.groups import pdf as group_pdf
from entrepairs.groups import services as group_services
from entrepairs.groups.periods import Period

from .. import services


def _text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def _held(gw):  # type: ignore[no-untyped-def]
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )


def _period(gw) -> Period:  # type: ignore[no-untyped-def]
    day = timezone.localdate(gw.past.starts_at)
    return Period(day - timedelta(days=1), timezone.localdate())


def test_the_completion_certificate_names_the_training_body_not_the_client(gw, quote) -> None:
    _held(gw)
    services.contract_sign(contract=quote, by=SYSTEM)
    member = gw.members[0]
    text = _text(group_pdf.completion_certificate(member, _period(gw)))
    for expected in (
        "Training body",
        "Supervision & Co",
        "12 rue des Arts — 59000 Lille",
        "SIRET: 12345678200010",
        "Training declaration number 32590000059",
        "representing the provider Supervision & Co",
        f"employee of {gw.w.org_a.name}",
    ):
        assert expected in text, (expected, text)
    assert f"representing the provider {gw.w.org_a.name}" not in text
    for document in (
        group_pdf.certificate(member, _period(gw)),
        group_pdf.attendance_sheet(gw.past),
    ):
        issued = _text(document)
        assert "Training body" in issued and "Supervision & Co" in issued
        assert "SIRET: 12345678200010" in issued


def test_without_a_contract_the_group_runs_under_its_own_organisation(gw) -> None:
    _held(gw)
    text = _text(group_pdf.completion_certificate(gw.members[0], _period(gw)))
    assert f"representing the provider {gw.w.org_a.name}" in text


def test_the_page_and_the_api_give_the_same_certificate(gw, quote, client_for, api_for) -> None:
    _held(gw)
    services.contract_sign(contract=quote, by=SYSTEM)
    member = gw.members[0]
    period = _period(gw)
    query = f"from={period.start.isoformat()}&to={period.end.isoformat()}"
    page = client_for(member.person).get(
        f"/groups/{gw.group.pk}/members/{member.pk}/completion.pdf?{query}"
    )
    api = api_for(member.person).get(f"/api/v1/groups/members/{member.pk}/completion/?{query}")
    assert page.status_code == api.status_code == 200
    for answer in (page, api):
        text = _text(answer.content)
        assert "representing the provider Supervision & Co" in text
        assert "Training declaration number 32590000059" in text
