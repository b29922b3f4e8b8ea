"""A session planned on a past date is refused with a reason (outside test of #16), on the
service, the page and the API; a session already held is recorded when the coordinator says so
(`already_held`), to record its attendance."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.training import services
from entrepairs.training.models import TrainingSession

pytestmark = pytest.mark.django_db

PASSED = "The date has passed: choose a coming date, or record the session as already held."
API = "/api/v1/training"


def test_the_service_refuses_a_past_session_unless_already_held(world, module):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.session_schedule(module=module, held_on=yesterday, by=world.coordinator)
    assert caught.value.message_dict == {"held_on": [PASSED]}
    assert not TrainingSession.objects.exists()
    held = services.session_schedule(
        module=module, held_on=yesterday, by=world.coordinator, already_held=True
    )
    today = services.session_schedule(
        module=module, held_on=timezone.localdate(), by=world.coordinator
    )
    assert held.held_on < today.held_on


def test_the_page_refuses_a_past_session_next_to_its_date(world, module, client_for):
    client = client_for(world.coordinator)
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    body = {"action": "session", "s-held_on": day, "s-place": "Lille"}
    refused = client.post(f"/training/modules/{module.pk}/", body)
    assert refused.status_code == 200 and PASSED in refused.content.decode()
    assert not TrainingSession.objects.exists()
    recorded = client.post(f"/training/modules/{module.pk}/", body | {"s-already_held": "on"})
    assert recorded.status_code == 302 and TrainingSession.objects.count() == 1


def test_the_api_refuses_a_past_session_with_its_reason(world, module, api_for):
    api = api_for(world.coordinator)
    body = {
        "module": str(module.pk),
        "held_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
    }
    refused = api.post(f"{API}/sessions/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["held_on"] == [PASSED]
    created = api.post(f"{API}/sessions/", body | {"already_held": True}, format="json")
    assert created.status_code == 201, created.json()
    assert "already_held" not in created.json()
