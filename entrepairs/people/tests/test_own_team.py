"""Nobody moves themselves into a team (outside security test, F1): a coordinator put herself
in a core team through the API, the page and the import, and read its 60 children's cases. One
rule, `people.services.refuse_own_team`, on every path that sets a team; leaving one's team
stays allowed; another coordinator moves a colleague."""

import pytest

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

OWN_TEAM = (
    "You cannot move yourself into a team: another coordinator or the platform administrator "
    "does it."
)


def _team_of(person: Person):  # type: ignore[no-untyped-def]
    return Person.objects.values_list("team_id", flat=True).get(pk=person.pk)


def test_the_api_refuses_a_coordinator_her_own_move_into_a_core_team(world, api_for):
    response = api_for(world.coordinator).patch(
        f"/api/v1/people/{world.coordinator.pk}/", {"team": str(world.core.pk)}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]["team"] == [OWN_TEAM]
    assert _team_of(world.coordinator) is None


def test_the_page_refuses_it_too_and_keeps_what_was_typed(world, client_for):
    page = client_for(world.coordinator).get(f"/people/{world.coordinator.pk}/edit/")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"team": str(world.core.pk), "phone": "03 20 00 00 00"})
    response = client_for(world.coordinator).post(f"/people/{world.coordinator.pk}/edit/", data)
    assert response.status_code == 200
    assert OWN_TEAM in response.content.decode()
    assert _team_of(world.coordinator) is None


def test_the_import_refuses_the_importers_own_row(world, client_for):
    from entrepairs.people.imports import import_people

    csv = f"first_name,last_name,email,team\nClaire,Coordinatrice,{world.coordinator.email},{world.core.name}\n"
    preview = import_people(
        data=csv.encode(),
        filename="people.csv",
        organisation=world.org_a,
        commit=True,
        by=world.coordinator.user,
    )
    assert not preview.valid
    assert any(OWN_TEAM in m for row in preview.rows for m in row.errors.get("team", []))
    assert _team_of(world.coordinator) is None


def test_another_coordinator_moves_her_and_leaving_a_team_is_allowed(world, api_for):
    second = Membership.objects.create(
        person=world.manager, organisation=world.org_a, role=Role.COORDINATOR
    )
    moved = api_for(second.person).patch(
        f"/api/v1/people/{world.coordinator.pk}/", {"team": str(world.core.pk)}, format="json"
    )
    assert moved.status_code == 200, moved.content
    left = api_for(world.coordinator).patch(
        f"/api/v1/people/{world.coordinator.pk}/", {"team": None}, format="json"
    )
    assert left.status_code == 200, left.content
    assert _team_of(world.coordinator) is None
