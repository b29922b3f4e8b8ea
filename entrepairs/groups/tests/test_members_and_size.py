"""Group sizes (6 to 12, per kind), duplicates, closed membership and late joiners."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.people.models import Person

from .. import services
from ..models import GroupMember


def _extra(world, n):  # type: ignore[no-untyped-def]
    return [
        Person.objects.create(organisation=world.org_a, first_name=f"P{i}", last_name=f"X{i}")
        for i in range(n)
    ]


def test_it_refuses_a_thirteenth_member_with_a_clear_message(gw) -> None:
    for person in _extra(gw.w, 6):
        services.member_add(group=gw.group, person=person, by=gw.w.facilitator)
    assert gw.group.active_members().count() == 12
    thirteenth = _extra(gw.w, 1)[0]
    with pytest.raises(ValidationError) as exc:
        services.member_add(group=gw.group, person=thirteenth, by=gw.w.facilitator)
    assert "12" in " ".join(exc.value.messages)
    assert not GroupMember.objects.filter(person=thirteenth).exists()


def test_it_refuses_to_start_a_group_of_five(gw) -> None:
    services.member_remove(member=gw.members[-1])
    with pytest.raises(ValidationError) as exc:
        services.group_found(group=gw.group, by=gw.w.facilitator)
    assert "5" in " ".join(exc.value.messages) and "6" in " ".join(exc.value.messages)
    gw.group.refresh_from_db()
    assert gw.group.status == "draft"


def test_it_refuses_a_member_added_twice(gw) -> None:
    with pytest.raises(ValidationError) as exc:
        services.member_add(group=gw.group, person=gw.w.professional, by=gw.w.facilitator)
    assert "already" in " ".join(exc.value.messages)
    assert GroupMember.objects.filter(group=gw.group, person=gw.w.professional).count() == 1


def test_it_refuses_a_person_of_an_organisation_the_group_does_not_gather(gw) -> None:
    with pytest.raises(ValidationError):
        services.member_add(group=gw.other_group, person=gw.w.worker_b, by=None)


def test_it_lets_an_inter_organisation_group_take_another_organisations_staff(gw) -> None:
    member = services.member_add(group=gw.group, person=gw.w.worker_b, by=gw.w.facilitator)
    assert member.status == "active"


def test_it_makes_a_late_joiner_wait_for_the_facilitator_and_the_charter(gw, client_for) -> None:
    services.group_found(group=gw.group, by=gw.w.facilitator)
    late = _extra(gw.w, 1)[0]
    member = services.member_add(group=gw.group, person=late, by=gw.w.coordinator)
    assert member.status == "pending"
    with pytest.raises(ValidationError):
        services.member_approve(member=member, by=gw.w.coordinator)
    client = client_for(gw.w.facilitator)
    response = client.post(f"/groups/{gw.group.pk}/members/{member.pk}/approve/")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "active" and not member.has_accepted_charter


def test_it_adds_a_member_in_the_page_and_shows_the_limit_error(gw, client_for) -> None:
    client = client_for(gw.w.coordinator)
    late = _extra(gw.w, 1)[0]
    response = client.post(f"/groups/{gw.group.pk}/members/add/", {"person": late.pk})
    assert response.status_code == 302
    for person in _extra(gw.w, 5):
        services.member_add(group=gw.group, person=person, by=gw.w.facilitator)
    extra = _extra(gw.w, 1)[0]
    page = client.post(f"/groups/{gw.group.pk}/members/add/", {"person": extra.pk})
    assert page.status_code == 200
    assert "error-summary" in page.content.decode()


def test_it_adds_a_member_through_the_api_and_refuses_a_duplicate(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    late = _extra(gw.w, 1)[0]
    ok = api.post("/api/v1/groups/members/", {"group": gw.group.pk, "person": late.pk})
    assert ok.status_code == 201, ok.json()
    again = api.post("/api/v1/groups/members/", {"group": gw.group.pk, "person": late.pk})
    assert again.status_code == 400
    assert "person" in again.json()["error"]["fields"]


def test_it_refuses_a_stranger_adding_members(gw, api_for) -> None:
    api = api_for(gw.outsider)
    late = _extra(gw.w, 1)[0]
    response = api.post("/api/v1/groups/members/", {"group": gw.group.pk, "person": late.pk})
    assert response.status_code == 400  # the group is not visible to them: unknown group
    assert not GroupMember.objects.filter(person=late).exists()


def test_it_lets_any_professional_start_a_peer_support_group_but_not_a_supervision_group(
    gw, api_for
) -> None:
    api = api_for(gw.w.colleague)
    body = {"name": "Entraide", "kind": "peer_support", "organisation": gw.w.org_a.pk}
    created = api.post("/api/v1/groups/", body)
    assert created.status_code == 201, created.json()
    assert created.json()["facilitators"] == [str(gw.w.colleague.pk)]
    refused = api.post("/api/v1/groups/", {**body, "kind": "supervision"})
    assert refused.status_code == 400


def test_it_creates_a_group_in_the_page(gw, client_for) -> None:
    client = client_for(gw.w.coordinator)
    response = client.post(
        "/groups/new/",
        {
            "name": "APP Arras",
            "kind": "practice_analysis",
            "organisation": gw.w.org_a.pk,
            "facilitators": [gw.w.facilitator.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "APP Arras" in page.content.decode()


def test_it_edits_a_group_and_keeps_a_facilitator(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    url = f"/groups/{gw.group.pk}/edit/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {"name": "Supervision Lille 2", "description": ""})
    assert empty.status_code == 200 and "error-summary" in empty.content.decode()
    done = client.post(url, {"name": "Supervision Lille 2", "facilitators": [gw.w.facilitator.pk]})
    assert done.status_code == 302
    gw.group.refresh_from_db()
    assert gw.group.name == "Supervision Lille 2"
    assert client_for(gw.w.professional).get(url).status_code == 403


def test_it_hides_a_group_from_another_facilitator(gw, client_for) -> None:
    from entrepairs.organisations.models import Membership, Role

    other = Person.objects.create(organisation=gw.w.org_b, first_name="Autre", last_name="Fac")
    from entrepairs.accounts.models import User

    other.user = User.objects.create_user("autre.fac@enfance-sud.test", gw.w.password)
    other.save()
    Membership.objects.create(person=other, organisation=gw.w.org_b, role=Role.FACILITATOR)
    client = client_for(other)
    assert client.get(f"/groups/{gw.group.pk}/").status_code == 404
    assert "Supervision Lille" not in client.get("/groups/").content.decode()
