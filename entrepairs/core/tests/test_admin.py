"""The Django admin is a read-only console for platform administrators, without confidential fields."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:auditlog_logentry_changelist",
    "admin:organisations_organisation_changelist",
    "admin:organisations_team_changelist",
    "admin:organisations_membership_changelist",
    "admin:people_person_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_accesstoken_changelist",
    "admin:core_periodictick_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_it_lists_and_searches_each_model_for_the_platform_admin(world, client_for, name):
    client = client_for(world.admin)
    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name), {"q": "Claire"}).status_code == 200


def test_it_finds_audit_entries_by_the_actors_address(world, client_for):
    from auditlog.models import LogEntry

    world.professional.phone = "0600000000"
    world.professional.save()
    entries = LogEntry.objects.filter(object_repr__contains="Paula")
    assert entries.exists()
    page = client_for(world.admin).get(
        reverse("admin:auditlog_logentry_changelist"), {"q": "Paula"}
    )
    assert page.status_code == 200
    assert page.context["cl"].result_count == entries.count()


def test_it_never_shows_a_persons_confidential_notes(world, client_for):
    world.professional.notes = "Suivi psychologique en cours"
    world.professional.save()
    client = client_for(world.admin)
    page = client.get(reverse("admin:people_person_change", args=[world.professional.pk]))
    assert page.status_code == 200
    assert "Pro" in page.content.decode()
    assert "Suivi psychologique" not in page.content.decode()


def test_it_changes_nothing(world, client_for):
    client = client_for(world.admin)
    assert client.get(reverse("admin:people_person_add")).status_code == 403
    url = reverse("admin:organisations_organisation_delete", args=[world.org_a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert type(world.org_a).objects.filter(pk=world.org_a.pk).exists()


def test_it_sends_a_coordinator_to_the_admin_sign_in(world, client_for):
    response = client_for(world.coordinator).get(reverse("admin:people_person_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
