"""Founding session, charter acceptance, situations with the identifying-data warning."""

import pytest
from django.core.exceptions import ValidationError

from .. import services
from ..identifying import find_identifying, pseudonymise
from ..models import Situation


def test_it_closes_the_membership_after_the_founding_session(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    assert client.post(f"/groups/{gw.group.pk}/found/", {"confirmed": "1"}).status_code == 302
    gw.group.refresh_from_db()
    gw.past.refresh_from_db()
    assert gw.group.status == "founded" and gw.past.status == "held"


def test_it_lets_each_member_accept_the_charter_in_the_page(gw, client_for) -> None:
    client = client_for(gw.w.professional)
    page = client.get(f"/groups/{gw.group.pk}/charter/")
    assert "accept-charter" in page.content.decode()
    assert client.post(f"/groups/{gw.group.pk}/charter/accept/").status_code == 302
    gw.members[0].refresh_from_db()
    assert gw.members[0].has_accepted_charter


def test_it_asks_everyone_again_when_the_charter_changes(gw, api_for) -> None:
    for member in gw.members:
        services.charter_accept(member=member)
    api = api_for(gw.w.facilitator)
    response = api.put(
        f"/api/v1/groups/{gw.group.pk}/charter/",
        {"own_rules": "Téléphones éteints."},
        format="json",
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    assert len(response.json()["standard_rules"]) == 4
    assert not gw.group.members.filter(charter_accepted_at__isnull=False).exists()
    member_api = api_for(gw.w.professional)
    assert (
        member_api.put(
            f"/api/v1/groups/{gw.group.pk}/charter/", {"own_rules": "x"}, format="json"
        ).status_code
        == 403
    )
    assert member_api.post(f"/api/v1/groups/{gw.group.pk}/accept-charter/").status_code == 200


def test_it_flags_names_dates_phones_emails_and_addresses() -> None:
    text = (
        "J'ai reçu Mme Dupont et son fils Kevin, né le 12/03/2012, au 14 rue des Lilas. "
        "Elle m'a laissé son 06 12 34 56 78 et kevin.d@exemple.fr."
    )
    kinds = {f.kind for f in find_identifying(text)}
    assert kinds == {"name", "date", "address", "phone", "email"}
    clean = pseudonymise(text)
    for secret in ("Dupont", "Kevin", "12/03/2012", "Lilas", "06 12 34", "exemple.fr"):
        assert secret not in clean
    assert "Personne A" in clean


def test_it_does_not_flag_a_plain_text() -> None:
    text = "Le jeune refuse la visite. Lundi, la famille était absente au foyer de l'ASE."
    assert find_identifying(text) == []


def test_it_flags_known_names_of_the_organisation_even_in_lower_case() -> None:
    assert [f.text for f in find_identifying("rencontré avec yanis hier", {"Yanis"})] == ["yanis"]


def test_it_refuses_identifying_text_until_pseudonymised_or_confirmed(gw) -> None:
    member = gw.members[0]
    services.charter_accept(member=member)
    member.refresh_from_db()
    kwargs = {
        "session": gw.future,
        "author": member,
        "title": "Visite",
        "episode": "J'ai vu Yanis au 3 rue Nationale.",
        "question": "Que faire ?",
    }
    with pytest.raises(services.IdentifyingDataWarning) as exc:
        services.situation_save(**kwargs)
    assert "episode" in exc.value.findings
    assert not Situation.objects.exists()
    services.situation_save(**{**kwargs, "acknowledged": True})
    assert Situation.objects.count() == 1


def test_it_refuses_a_situation_from_a_member_who_has_not_accepted_the_charter(gw) -> None:
    with pytest.raises(ValidationError):
        services.situation_save(
            session=gw.future, author=gw.members[1], title="t", episode="e", question="q"
        )


def test_it_warns_then_pseudonymises_in_the_page(gw, client_for) -> None:
    services.charter_accept(member=gw.members[0])
    client = client_for(gw.w.professional)
    url = f"/groups/sessions/{gw.future.pk}/situations/new/"
    data = {
        "title": "Visite",
        "episode": "Mme Durand a appelé au 06 11 22 33 44.",
        "question": "Comment ?",
    }
    warned = client.post(url, {**data, "save": "1"})
    assert warned.status_code == 200 and "identifying-warning" in warned.content.decode()
    assert not Situation.objects.exists()
    replaced = client.post(url, {**data, "pseudonymise": "1"}).content.decode()
    assert "Durand" not in replaced and "Personne A" in replaced and "[téléphone]" in replaced
    saved = client.post(
        url, {**data, "episode": "Personne A a appelé au [téléphone].", "save": "1"}
    )
    assert saved.status_code == 302
    assert Situation.objects.get().episode == "Personne A a appelé au [téléphone]."


def test_it_brings_a_situation_through_the_api_with_the_warning(gw, api_for) -> None:
    services.charter_accept(member=gw.members[0])
    api = api_for(gw.w.professional)
    body = {
        "session": gw.future.pk,
        "title": "t",
        "episode": "Appel de kevin@exemple.fr",
        "question": "q",
    }
    warned = api.post("/api/v1/groups/situations/", body, format="json")
    assert warned.status_code == 400 and "episode" in warned.json()["error"]["fields"]
    check = api.post(
        "/api/v1/groups/situations/check/",
        {"group": gw.group.pk, "text": body["episode"]},
        format="json",
    )
    assert check.json()["pseudonymised"] == "Appel de [e-mail]"
    ok = api.post(
        "/api/v1/groups/situations/",
        {**body, "episode": check.json()["pseudonymised"]},
        format="json",
    )
    assert ok.status_code == 201
    refused = api_for(gw.w.colleague).post("/api/v1/groups/situations/", body, format="json")
    assert refused.status_code == 403


def test_it_records_the_round_table_technique_and_theory(gw, client_for, api_for) -> None:
    from ..models import Technique

    for m in gw.members:
        services.charter_accept(member=m)
    gw.members[0].refresh_from_db()
    situation = services.situation_save(
        session=gw.past, author=gw.members[0], title="t", episode="e", question="q"
    )
    gease = Technique.objects.get(slug="gease", organisation=None)
    client = client_for(gw.w.facilitator)
    data = {
        f"order_{gw.members[2].pk}": "1",
        f"order_{gw.members[0].pk}": "2",
        f"worked_{situation.pk}": "1",
        f"technique_{situation.pk}": str(gease.pk),
        "techniques": [str(gease.pk)],
        "theory_input": "Le triangle dramatique de Karpman",
        "note": "Le groupe est cohésif.",
    }
    assert client.post(f"/groups/sessions/{gw.past.pk}/record/", data).status_code == 302
    gw.past.refresh_from_db()
    assert gw.past.speaking_order == [str(gw.members[2].pk), str(gw.members[0].pk)]
    situation.refresh_from_db()
    assert situation.worked_on and situation.technique == gease
    assert gw.past.notes.get().text == "Le groupe est cohésif."
    api = api_for(gw.w.facilitator)
    detail = api.get(f"/api/v1/groups/sessions/{gw.past.pk}/").json()
    assert detail["theory_input"].startswith("Le triangle")
    refused = api_for(gw.w.professional).post(
        f"/api/v1/groups/sessions/{gw.past.pk}/record/", {"theory_input": "x"}, format="json"
    )
    assert refused.status_code == 403
