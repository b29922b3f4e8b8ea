"""Who sees which roles: one rule (`membership_visible_q`) for the API list, its detail, the
organisation page and the person page. A professional is not shown the directory with roles."""

import pytest

from entrepairs.organisations.models import Membership

pytestmark = pytest.mark.usefixtures("english_messages")


def _listed(api) -> set[str]:  # type: ignore[no-untyped-def]
    response = api.get("/api/v1/memberships/?page_size=100")
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return {row["id"] for row in rows}


def _ids(*people) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        str(pk) for pk in Membership.objects.filter(person__in=people).values_list("pk", flat=True)
    }


def test_it_shows_a_professional_only_their_own_roles_through_the_api(world, api_for):
    assert _listed(api_for(world.professional)) == _ids(world.professional)


def test_it_refuses_a_professional_a_colleagues_role_by_id(world, api_for):
    api = api_for(world.professional)
    colleague_role = Membership.objects.get(person=world.colleague)
    own_role = Membership.objects.get(person=world.professional)
    assert api.get(f"/api/v1/memberships/{colleague_role.pk}/").status_code == 404
    assert api.get(f"/api/v1/memberships/{own_role.pk}/").status_code == 200


def test_it_shows_a_manager_the_roles_of_their_reports(world, api_for):
    assert _listed(api_for(world.manager)) == _ids(
        world.manager, world.professional, world.colleague
    )


def test_it_shows_a_coordinator_every_role_of_their_organisation(world, api_for):
    listed = _listed(api_for(world.coordinator))
    everyone_of_a = set(
        map(str, Membership.objects.filter(organisation=world.org_a).values_list("pk", flat=True))
    )
    # Fanny's home is A: her coordinator also sees her role in B (they answer her role requests).
    assert listed == everyone_of_a | _ids(world.facilitator)


def test_it_shows_another_organisations_coordinator_only_the_role_held_there(world, api_for):
    listed = _listed(api_for(world.coordinator_b))
    fanny_in_b = Membership.objects.get(person=world.facilitator, organisation=world.org_b)
    fanny_in_a = Membership.objects.get(person=world.facilitator, organisation=world.org_a)
    assert str(fanny_in_b.pk) in listed and str(fanny_in_a.pk) not in listed


def test_it_hides_the_external_roles_of_an_organisation_from_its_case_worker(world, client_for):
    url = f"/organisations/{world.org_b.pk}/"
    seen_by_worker = client_for(world.worker_b).get(url)
    assert seen_by_worker.status_code == 200
    assert "Fanny Facilitatrice" not in seen_by_worker.content.decode()
    # Positive control: the coordinator of B sees her.
    assert "Fanny Facilitatrice" in client_for(world.coordinator_b).get(url).content.decode()


def test_it_lists_on_the_person_page_the_roles_the_api_lists(world, client_for):
    page = client_for(world.coordinator_b).get(f"/people/{world.facilitator.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Facilitator — Agence Enfance Sud" in html
    assert "Facilitator — Association Tutelle Nord" not in html
    # Positive control: her home coordinator sees both roles.
    html = client_for(world.coordinator).get(f"/people/{world.facilitator.pk}/").content.decode()
    assert "Facilitator — Agence Enfance Sud" in html
    assert "Facilitator — Association Tutelle Nord" in html
