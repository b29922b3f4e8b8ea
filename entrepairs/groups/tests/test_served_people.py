"""Groups are for the professionals: the people they serve never join one, by any channel."""

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person


def _add(client, group, person):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/groups/members/",
        {"group": str(group.pk), "person": str(person.pk)},
        content_type="application/json",
    )


def test_it_refuses_a_youth_or_a_foster_parent_as_a_group_member(gw, client_for):
    client = client_for(gw.w.facilitator)
    foster = Person.objects.create(
        organisation=gw.w.org_a, first_name="Fabienne", last_name="Accueil"
    )
    Membership.objects.create(person=foster, organisation=gw.w.org_a, role=Role.GUARDIAN)
    for served in (gw.w.youth, foster):
        refused = _add(client, gw.group, served)
        assert refused.status_code == 400, refused.content
        assert "youth" in refused.json()["error"]["fields"]["person"][0]
        assert not gw.group.members.filter(person=served).exists()
    # Positive control: a professional of the same organisation joins through the same call.
    newcomer = Person.objects.create(organisation=gw.w.org_a, first_name="Pia", last_name="Pro")
    Membership.objects.create(person=newcomer, organisation=gw.w.org_a, role=Role.PROFESSIONAL)
    assert _add(client, gw.group, newcomer).status_code == 201
