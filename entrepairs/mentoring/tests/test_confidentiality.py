"""A mentor sees only what the agency's sharing agreement allows, in the pages and the API;
case workers see only their agency's youths; after a transfer the old agency is refused."""

import pytest
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import SharingAgreement

SECRETS = ["Confidentielle", "Foyer des Lilas", "secret assessment", "TravailleuseB", "2012-05-01"]


def test_it_gives_a_mentor_only_the_agreed_facts_in_the_api(mworld, active_match, api_for) -> None:
    api = api_for(mworld.mentor.person)
    body = api.get(f"/api/v1/mentoring/matches/{active_match.pk}/").json()
    assert body["role"] == "mentor"
    assert set(body["youths"][0]) == {
        "first_name",
        "age",
        "interests",
        "guardian_phone",
        "situation_updates",
    }
    assert body["youths"][0]["first_name"] == "Lina"
    text = str(body)
    for secret in SECRETS:
        assert secret not in text
    assert str(mworld.youth.pk) not in text
    listed = api.get("/api/v1/mentoring/matches/").json()["results"]
    assert set(listed[0]["youths"][0]) == set(body["youths"][0])


def test_it_gives_a_mentor_only_the_agreed_facts_in_the_page(
    mworld, active_match, client_for
) -> None:
    html = (
        client_for(mworld.mentor.person)
        .get(f"/mentoring/matches/{active_match.pk}/")
        .content.decode()
    )
    assert "Lina" in html and "0600000000" in html
    for secret in SECRETS:
        assert secret not in html
    assert f"/mentoring/youths/{mworld.youth.pk}/" not in html
    fields = set(__import__("re").findall(r'data-field="([a-z_]+)"', html))
    assert fields == {"first_name", "age", "interests", "guardian_phone", "situation_updates"}


def test_it_changes_what_the_mentor_sees_as_soon_as_the_agreement_changes(
    mworld, active_match, api_for
) -> None:
    agreement = mworld.agreement
    agreement.fields = ["first_name"]
    agreement.purposes = {"first_name": "address the youth"}
    services.agreement_save(agreement=agreement, by=SYSTEM)
    body = api_for(mworld.mentor.person).get(f"/api/v1/mentoring/matches/{active_match.pk}/").json()
    assert list(body["youths"][0]) == ["first_name"]


def test_it_refuses_an_agreement_naming_a_field_that_does_not_exist(mworld, api_for) -> None:
    api = api_for(mworld.world.coordinator)
    response = api.patch(
        f"/api/v1/mentoring/agreements/{mworld.agreement.pk}/",
        {"fields": ["first_name", "case_file"], "purposes": {"first_name": "x", "case_file": "y"}},
        format="json",
    )
    assert response.status_code == 400
    assert "case_file" in str(response.json()["error"]["fields"])
    mworld.agreement.refresh_from_db()
    assert "case_file" not in mworld.agreement.fields


def test_it_refuses_a_shared_fact_without_a_purpose(mworld) -> None:
    from django.core.exceptions import ValidationError

    a = SharingAgreement(
        organisation=mworld.world.org_a, agency=mworld.org_c, fields=["age"], purposes={}
    )
    with pytest.raises(ValidationError):
        a.full_clean()


def test_it_hides_a_youth_from_another_agencys_case_worker(mworld, client_for, api_for) -> None:
    url = f"/mentoring/youths/{mworld.youth.pk}/"
    assert client_for(mworld.worker_c).get(url).status_code == 404
    assert (
        api_for(mworld.worker_c).get(f"/api/v1/mentoring/youths/{mworld.youth.pk}/").status_code
        == 404
    )
    assert client_for(mworld.world.worker_b).get(url).status_code == 200
    listed = api_for(mworld.worker_c).get("/api/v1/mentoring/youths/").json()["results"]
    assert listed == []


def test_it_refuses_a_case_worker_acting_on_another_agencys_youth(mworld, api_for) -> None:
    response = api_for(mworld.worker_c).post(
        f"/api/v1/mentoring/youths/{mworld.youth.pk}/situation/",
        {"kind": "placement", "summary_for_mentor": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert not mworld.youth.situation_changes.exists()


def test_it_refuses_the_old_agency_after_a_transfer(
    mworld, active_match, client_for, api_for
) -> None:
    transfer = lifecycle.youth_transfer(by=SYSTEM, youth=mworld.youth, to_agency=mworld.org_c)
    lifecycle.transfer_accept(transfer=transfer, by=SYSTEM)
    worker_b = mworld.world.worker_b
    assert client_for(worker_b).get(f"/mentoring/youths/{mworld.youth.pk}/").status_code == 404
    assert client_for(worker_b).get(f"/mentoring/matches/{active_match.pk}/").status_code == 404
    assert api_for(worker_b).get(f"/api/v1/mentoring/matches/{active_match.pk}/").status_code == 404
    assert (
        api_for(mworld.worker_c).get(f"/api/v1/mentoring/matches/{active_match.pk}/").status_code
        == 200
    )


def test_it_does_not_show_the_youths_file_to_a_platform_admin(mworld, client_for) -> None:
    assert (
        client_for(mworld.world.admin).get(f"/mentoring/youths/{mworld.youth.pk}/").status_code
        == 404
    )


def test_it_lets_a_guardian_see_only_the_meetings_they_help_arrange(
    mworld, active_match, client_for
) -> None:

    from entrepairs.accounts.models import User

    guardian = mworld.youth.guardian
    guardian.user = User.objects.create_user("gina@x.test", "pw-123456789")
    guardian.save()
    lifecycle.contact_record(
        by=SYSTEM,
        match=active_match,
        kind="outing",
        happened_on=timezone.localdate(),
        place="Zoo",
        arranged_with_guardian=True,
    )
    lifecycle.contact_record(
        by=SYSTEM,
        match=active_match,
        kind="call",
        happened_on=timezone.localdate(),
        place="Phone",
        note="private note",
    )
    html = client_for(guardian).get(f"/mentoring/matches/{active_match.pk}/").content.decode()
    assert "Zoo" in html and "Phone" not in html and "private note" not in html
    assert "secret assessment" not in html and "Foyer" not in html


def test_it_hides_screening_notes_from_the_mentor_themself(mworld, api_for) -> None:
    from entrepairs.mentoring.models import ScreeningStep

    ScreeningStep.objects.filter(mentor=mworld.mentor).update()
    services.mentor_flag(
        by=SYSTEM, mentor=mworld.mentor, flagged=False, notes="Staff-only impression"
    )
    body = (
        api_for(mworld.mentor.person).get(f"/api/v1/mentoring/mentors/{mworld.mentor.pk}/").json()
    )
    assert "screening_notes" not in body and "Staff-only" not in str(body)
    staff = (
        api_for(mworld.world.coordinator)
        .get(f"/api/v1/mentoring/mentors/{mworld.mentor.pk}/")
        .json()
    )
    assert staff["screening_notes"] == "Staff-only impression"


def test_it_lists_no_match_to_a_platform_admin_without_a_person(
    mworld, active_match, client_for
) -> None:
    from entrepairs.mentoring import lifecycle as lc

    other = mworld.ready_youth("Sans", "Gardien")
    other.guardian = None
    other.save()
    m2 = mworld.approved_mentor("Otto", "Deux")
    lc.match_create(
        by=SYSTEM, programme=mworld.programme, mentors=[m2], youths=[other], mode="individual"
    )
    html = client_for(mworld.world.admin).get("/mentoring/matches/").content.decode()
    assert (
        "Sans" not in html
        and "Lina" not in html
        and "/mentoring/matches/"
        not in html.split("<main")[1].split("</main>")[0].replace('href="/mentoring/matches/"', "")
    )
