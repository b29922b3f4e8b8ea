"""Onboarding's person fields name staff, never a person the organisation serves (a youth, a
guardian or foster family): the rule lives in the service (services._check_same_org), so the page,
the API and any command refuse alike; the pickers of both channels offer staff only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import services
from entrepairs.onboarding.models import Journey, OrgContact

pytestmark = pytest.mark.django_db
SERVED = "served by the organisation"


def test_the_service_refuses_a_youth_as_newcomer_and_as_colleague(world, onb, start):
    with pytest.raises(ValidationError) as exc:
        start(world.youth)
    assert SERVED in str(exc.value.message_dict["newcomer"])
    with pytest.raises(ValidationError) as exc:
        start(onb.nina, colleague=world.youth)
    assert SERVED in str(exc.value.message_dict["colleague"])
    with pytest.raises(ValidationError) as exc:
        services.org_contact_save(
            organisation=world.org_a, role="it", person=world.youth, by=SYSTEM
        )
    assert SERVED in str(exc.value.message_dict["person"])
    assert not Journey.objects.exists()
    assert not OrgContact.objects.filter(person=world.youth).exists()


def test_the_page_and_the_api_refuse_a_youth_as_newcomer(world, onb, client_for, api_for):
    day_one = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    page = client_for(world.coordinator).post(
        reverse("onboarding:journey_start"),
        {"template": onb.template.pk, "newcomer": world.youth.pk, "start_date": day_one},
    )
    assert page.status_code == 200
    assert "newcomer" in page.context["form"].errors
    api = api_for(world.coordinator).post(
        "/api/v1/onboarding/journeys/",
        {"template": str(onb.template.pk), "newcomer": str(world.youth.pk), "start_date": day_one},
        format="json",
    )
    assert api.status_code == 400
    assert "newcomer" in api.json()["error"]["fields"]
    assert not Journey.objects.exists()
