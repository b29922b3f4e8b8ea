"""Who may sit in a group at all (issue 13, outside test): the add-member list offers staff only,
never the people served (the people rule `served_q`), and a deactivated person is refused as a
member or a facilitator on every path — create, change facilitator, add member — in the page
and the API, with a message that names them."""

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

from .. import services


def _facilitator(gw, first="Irène", active=True):  # type: ignore[no-untyped-def]
    person = Person.objects.create(
        organisation=gw.w.org_a, first_name=first, last_name="Animatrice", is_active=active
    )
    Membership.objects.create(person=person, organisation=gw.w.org_a, role=Role.FACILITATOR)
    return person


def _offered(who, source, **context):  # type: ignore[no-untyped-def]
    """The ids the page's person picker suggests (its source; the field accepts more: the
    service decides)."""
    from entrepairs.people import picker

    return {
        str(pk) for pk in picker.candidates(source, who.user, context).values_list("pk", flat=True)
    }


def _professional(gw, first="Pia", active=True):  # type: ignore[no-untyped-def]
    person = Person.objects.create(
        organisation=gw.w.org_a, first_name=first, last_name="Pro", is_active=active
    )
    Membership.objects.create(person=person, organisation=gw.w.org_a, role=Role.PROFESSIONAL)
    return person


def test_the_add_member_list_offers_active_staff_only(gw, client_for) -> None:
    guardian = Person.objects.create(
        organisation=gw.w.org_a, first_name="Gérard", last_name="Tuteur"
    )
    Membership.objects.create(person=guardian, organisation=gw.w.org_a, role=Role.GUARDIAN)
    gone = _professional(gw, "Gaston", active=False)
    newcomer = _professional(gw, "Nora")
    page = client_for(gw.w.facilitator).get(f"/groups/{gw.group.pk}/members/add/")
    assert page.status_code == 200 and "groups.members" in page.content.decode()
    offered = _offered(gw.w.facilitator, "groups.members", group=gw.group.pk)
    assert str(newcomer.pk) in offered  # positive control
    assert not offered & {str(p.pk) for p in (gw.w.youth, guardian, gone)}


def test_a_youth_is_refused_as_a_member_on_the_page_too(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    refused = client.post(f"/groups/{gw.group.pk}/members/add/", {"person": gw.w.youth.pk})
    assert refused.status_code == 200
    assert not gw.group.members.filter(person=gw.w.youth).exists()


def test_a_deactivated_person_is_refused_as_a_member_in_the_page_and_the_api(
    gw, client_for, api_for
) -> None:
    gone = _professional(gw, "Gaston", active=False)
    page = client_for(gw.w.facilitator).post(
        f"/groups/{gw.group.pk}/members/add/", {"person": gone.pk}
    )
    assert page.status_code == 200
    assert "Gaston Pro is deactivated" in str(page.context["form"].errors["person"])
    api = api_for(gw.w.facilitator, gw.w.org_a).post(
        "/api/v1/groups/members/",
        {"group": str(gw.group.pk), "person": str(gone.pk)},
        format="json",
    )
    assert api.status_code == 400
    assert "Gaston Pro is deactivated" in api.json()["error"]["fields"]["person"][0]
    assert not gw.group.members.filter(person=gone).exists()
    # Positive control: active again, the same call adds them.
    Person.objects.filter(pk=gone.pk).update(is_active=True)
    again = api_for(gw.w.facilitator, gw.w.org_a).post(
        "/api/v1/groups/members/",
        {"group": str(gw.group.pk), "person": str(gone.pk)},
        format="json",
    )
    assert again.status_code == 201, again.content


def test_a_deactivated_person_is_refused_as_facilitator_of_a_new_group(gw, api_for) -> None:
    gone = _facilitator(gw, "Gisèle", active=False)
    api = api_for(gw.w.coordinator, gw.w.org_a)
    body = {
        "name": "Analyse Arras",
        "kind": "practice_analysis",
        "organisation": str(gw.w.org_a.pk),
        "facilitators": [str(gone.pk)],
    }
    refused = api.post("/api/v1/groups/", body, format="json")
    assert refused.status_code == 400, refused.content
    assert (
        "Gisèle Animatrice is deactivated" in refused.json()["error"]["fields"]["facilitators"][0]
    )
    active = _facilitator(gw, "Agathe")
    body["facilitators"] = [str(active.pk)]
    assert api.post("/api/v1/groups/", body, format="json").status_code == 201


def test_a_deactivated_person_is_refused_as_new_facilitator_in_the_page_and_the_api(
    gw, client_for, api_for
) -> None:
    gone = _facilitator(gw, "Gisèle", active=False)
    page = client_for(gw.w.coordinator).post(
        f"/groups/{gw.group.pk}/edit/",
        {"name": gw.group.name, "facilitators": [gone.pk]},
    )
    assert page.status_code == 200
    assert "Gisèle Animatrice is deactivated" in str(page.context["form"].errors)
    offered = _offered(gw.w.coordinator, "groups.facilitators", group=gw.group.pk)
    assert str(gone.pk) not in offered and str(gw.w.facilitator.pk) in offered
    api = api_for(gw.w.coordinator, gw.w.org_a).patch(
        f"/api/v1/groups/{gw.group.pk}/", {"facilitators": [str(gone.pk)]}, format="json"
    )
    assert api.status_code == 400
    assert "Gisèle Animatrice is deactivated" in api.json()["error"]["fields"]["facilitators"][0]
    assert set(gw.group.facilitator_ids()) == {gw.w.facilitator.pk}


def test_the_service_refuses_the_same_for_a_command_or_an_import(gw) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    gone = _professional(gw, "Gaston", active=False)
    with pytest.raises(ValidationError, match="deactivated"):
        services.member_add(group=gw.group, person=gone, by=None)
