"""The platform administrator sets an organisation up (its first people, its first coordinator
invited) and then hands it over: once the organisation has a coordinator, the administrator may
no longer change, delete or invite its people (issue 10: giving a person without an account the
operator's own address and inviting them would be a way into that person's roles, confidential
groups included). Reading and exporting profiles stay allowed."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.people.models import Person

pytestmark = pytest.mark.usefixtures("english_messages")


def _api(user):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return api


def _new_organisation_with_its_first_person():  # type: ignore[no-untyped-def]
    organisation = Organisation.objects.create(name="Maison Neuve", slug="maison-neuve")
    person = Person.objects.create(
        organisation=organisation, first_name="Paule", last_name="Première", email="paule@n.test"
    )
    return organisation, person


def test_it_lets_the_platform_admin_set_up_an_organisation_without_a_coordinator(world):
    _, person = _new_organisation_with_its_first_person()
    api = _api(world.admin)
    changed = api.patch(f"/api/v1/people/{person.pk}/", {"phone": "0320000000"}, format="json")
    assert changed.status_code == 200
    assert api.post(f"/api/v1/people/{person.pk}/invite/").status_code == 202
    assert Person.objects.get(pk=person.pk).user is not None


def test_it_hands_the_people_over_to_the_coordinator_once_there_is_one(world, client_for):
    organisation, person = _new_organisation_with_its_first_person()
    Membership.objects.create(person=person, organisation=organisation, role=Role.COORDINATOR)
    newcomer = Person.objects.create(
        organisation=organisation, first_name="Noé", last_name="Nouveau", email="noe@n.test"
    )
    api = _api(world.admin)
    assert api.get(f"/api/v1/people/{newcomer.pk}/").status_code == 200  # still reads profiles
    changed = api.patch(f"/api/v1/people/{newcomer.pk}/", {"email": "op@x.test"}, format="json")
    assert changed.status_code == 403
    assert api.post(f"/api/v1/people/{newcomer.pk}/invite/").status_code == 403
    assert api.delete(f"/api/v1/people/{newcomer.pk}/").status_code == 403
    page = client_for(world.admin)
    assert page.post(reverse("people:invite", args=[newcomer.pk])).status_code == 403
    newcomer.refresh_from_db()
    assert (newcomer.email, newcomer.user) == ("noe@n.test", None)


def test_it_still_lets_the_platform_admin_export_every_organisation(world, client_for):
    response = client_for(world.admin).get(reverse("people:export"), {"format": "csv"})
    assert response.status_code == 200
    assert "CoordB" in response.content.decode()
