"""Notifications carry no organisation yet and may name people of any organisation of the
recipient: a token scoped to one organisation lists none; a session reads them (issue 10)."""

import pytest
from rest_framework.test import APIClient

from entrepairs.core.notifications import notify

pytestmark = pytest.mark.django_db


def test_a_scoped_token_reads_no_notification_a_session_reads_them(world, api_for):
    note = notify(
        recipient=world.facilitator.user, subject="Absences", body="Deux absences.", email=False
    )
    token = api_for(world.facilitator, organisation=world.org_a)
    assert token.get("/api/v1/notifications/").json()["results"] == []
    assert token.get(f"/api/v1/notifications/{note.pk}/").status_code == 404
    session = APIClient()
    session.force_login(world.facilitator.user, backend="django.contrib.auth.backends.ModelBackend")
    assert [n["id"] for n in session.get("/api/v1/notifications/").json()["results"]] == [
        str(note.pk)
    ]
