"""An invitation only creates accounts; removing a person never deactivates an account that is
not theirs alone, nor a platform administrator's (security review, issue 10)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from entrepairs.accounts.models import User
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def _person_with_email(world, email):  # type: ignore[no-untyped-def]
    return Person.objects.create(
        organisation=world.org_a, first_name="Double", last_name="Adresse", email=email
    )


def _active(user):  # type: ignore[no-untyped-def]
    return User.objects.get(pk=user.pk).is_active


def test_it_refuses_to_link_the_platform_administrators_account_through_an_invitation(
    world, client_for, english_messages
):
    person = _person_with_email(world, world.admin.email)
    client = client_for(world.coordinator)
    response = client.post(reverse("people:invite", args=[person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user_id is None
    # The same answer as for a new address (see test_invitation_answers): nothing is linked.
    assert f"An invitation was sent to {world.admin.email}" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )
    # Removing that person leaves the administrator's account alone.
    assert client.post(reverse("people:delete", args=[person.pk])).status_code == 302
    assert _active(world.admin)


def test_it_refuses_to_link_the_account_of_someone_of_another_organisation(world, client_for):
    person = _person_with_email(world, world.worker_b.email)
    client = client_for(world.coordinator)
    client.post(reverse("people:invite", args=[person.pk]))
    person.refresh_from_db()
    assert person.user_id is None
    assert client.post(reverse("people:delete", args=[person.pk])).status_code == 302
    assert _active(world.worker_b.user)
    world.worker_b.refresh_from_db()
    assert world.worker_b.user is not None


def test_it_refuses_to_link_an_account_that_has_no_person(world, client_for):
    lonely = User.objects.create_user("lonely@nowhere.test", world.password)
    person = _person_with_email(world, "Lonely@Nowhere.test")
    client_for(world.coordinator).post(reverse("people:invite", args=[person.pk]))
    person.refresh_from_db()
    assert person.user_id is None and _active(lonely)


def test_it_still_invites_a_new_address_and_deactivates_that_account_on_removal(world, client_for):
    person = _person_with_email(world, "new.person@a.test")
    client = client_for(world.coordinator)
    client.post(reverse("people:invite", args=[person.pk]))
    person.refresh_from_db()
    assert person.user is not None and person.user.email == "new.person@a.test"
    user = person.user
    client.post(reverse("people:delete", args=[person.pk]))
    assert not _active(user)


def test_it_keeps_an_administrator_linked_before_the_fix_active_when_the_api_removes_the_person(
    world, api_for
):
    # A link made by the old invitation code: deleting the person must not lock the admin out.
    person = _person_with_email(world, world.admin.email)
    Person.objects.filter(pk=person.pk).update(user=world.admin)
    api = api_for(world.coordinator)
    assert api.delete(f"/api/v1/people/{person.pk}/").status_code == 204
    assert not Person.objects.filter(pk=person.pk).exists()
    assert _active(world.admin)


def test_it_deactivates_a_persons_own_account_when_the_api_removes_them(world, api_for):
    user = world.colleague.user
    api = api_for(world.coordinator)
    assert api.delete(f"/api/v1/people/{world.colleague.pk}/").status_code == 204
    assert not _active(user)


def test_it_creates_a_person_with_an_existing_accounts_address_in_the_api_without_linking_it(
    world, api_for
):
    response = api_for(world.coordinator).post(
        "/api/v1/people/",
        {
            "organisation": str(world.org_a.pk),
            "first_name": "Double",
            "last_name": "Adresse",
            "email": world.worker_b.email,
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["has_account"] is False
    assert Person.objects.get(pk=response.json()["id"]).user_id is None
