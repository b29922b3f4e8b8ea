"""Every announcement write goes through the service, which checks who writes for which
organisation (issue 11: the rule lived in the page and the API; an API edit could move an
announcement into another organisation's name)."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Organisation, Role

from .. import services
from ..models import Announcement

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def providers(world):  # type: ignore[no-untyped-def]
    """Two providers: the facilitator publishes for the first only."""
    mine = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")
    other = Organisation.objects.create(name="Autre Cabinet", slug="autre", kind="provider")
    Membership.objects.create(person=world.facilitator, organisation=mine, role=Role.FACILITATOR)
    return mine, other


def _api(person):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


def _draft(provider, author):  # type: ignore[no-untyped-def]
    return Announcement.objects.create(
        provider=provider, author=author, title="Atelier", body="Ouvert."
    )


def test_an_edit_cannot_move_an_announcement_into_another_organisations_name(world, providers):
    mine, other = providers
    draft = _draft(mine, world.facilitator)
    api = _api(world.facilitator)
    url = f"/api/v1/groups/announcements/{draft.pk}/"
    moved = api.patch(url, {"provider": str(other.pk)}, format="json")
    # An organisation the facilitator has no role in is unknown, like a missing id (F9).
    assert moved.status_code == 400
    assert (
        "unknown, or outside your organisations" in moved.json()["error"]["fields"]["provider"][0]
    )
    draft.refresh_from_db()
    assert draft.provider_id == mine.pk
    renamed = api.patch(url, {"title": "Atelier Balint"}, format="json")  # positive control
    assert renamed.status_code == 200
    draft.refresh_from_db()
    assert draft.title == "Atelier Balint"


def test_the_service_refuses_whoever_does_not_write_for_the_organisation(world, providers):
    mine, other = providers
    with pytest.raises(PermissionDenied):
        services.announcement_save(
            announcement=Announcement(provider=other, title="x", body="y"),
            by=world.facilitator.user,
            author=world.facilitator,
        )
    with pytest.raises(PermissionDenied):
        services.announcement_publish(
            announcement=_draft(mine, world.facilitator), by=world.professional.user
        )
    with pytest.raises(PermissionDenied):
        services.announcement_delete(
            announcement=_draft(mine, world.facilitator), by=world.professional.user
        )
    saved = services.announcement_save(  # positive control
        announcement=Announcement(provider=mine, title="x", body="y"),
        by=world.facilitator.user,
        author=world.facilitator,
    )
    assert services.announcement_publish(announcement=saved, by=world.facilitator.user) == 0
    services.announcement_delete(
        announcement=_draft(mine, world.facilitator), by=world.facilitator.user
    )
