"""A tick refused says why and who can (issue 14, tester's finding 8): the item's provider and the
journey's coordinator, by name, on the page and in the API, not a bare « not allowed »."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def laptop(start):  # type: ignore[no-untyped-def]
    """Nina's laptop, provided by Colin, the IT contact."""
    return start().journey.kit_checks.get(label="Laptop")


def test_a_manager_ticking_anothers_item_is_told_who_provides_it(
    world, laptop, client_for, api_for
):
    page = client_for(world.manager).post(
        reverse("onboarding:kit_item_toggle", args=[laptop.pk]), {"ready": "1"}
    )
    assert page.status_code == 403
    assert "Colin Collegue" in page.text and "marks it ready" in page.text
    api = api_for(world.manager).post(
        f"/api/v1/onboarding/kit-checks/{laptop.pk}/ready/", {"done": True}, format="json"
    )
    assert api.status_code == 403
    message = api.json()["error"]["message"]
    assert "Colin Collegue" in message and "marks it ready" in message
