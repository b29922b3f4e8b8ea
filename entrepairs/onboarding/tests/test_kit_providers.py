"""Welcome-kit items reach their provider (IT, facilities: often another team, with no other
right in onboarding): listed in "my tasks", ticked there or through the API; anyone else who
sees the item is refused (403) and the attempt is in the audit trail (issue 14 point 5)."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from entrepairs.onboarding import services
from entrepairs.onboarding.models import KitCheck

pytestmark = pytest.mark.django_db
API = "/api/v1/onboarding/kit-checks"


def _refusals(item: KitCheck) -> int:
    return LogEntry.objects.filter(object_pk=str(item.pk), additional_data__event="refused").count()


@pytest.fixture
def laptop(start):  # type: ignore[no-untyped-def]
    """Nina's laptop, provided by Colin, the IT contact (a colleague with no other right)."""
    return start().journey.kit_checks.get(label="Laptop")


def test_it_lists_the_items_a_provider_prepares_in_my_tasks_and_lets_them_tick_one(
    world, laptop, client_for
):
    client = client_for(world.colleague)
    page = client.get(reverse("onboarding:my_tasks"))
    assert page.status_code == 200
    assert f'id="kit-{laptop.pk}"' in page.text and "Laptop" in page.text
    assert "Building keys" not in page.text  # HR's item, not Colin's
    done = client.post(reverse("onboarding:kit_item_toggle", args=[laptop.pk]), {"ready": "1"})
    assert done.status_code == 302
    laptop.refresh_from_db()
    assert laptop.is_ready
    # The journey itself stays closed to him.
    journey = client.get(reverse("onboarding:journey", args=[laptop.journey_id]))
    assert journey.status_code == 404


def test_it_shows_the_onboarding_link_to_a_provider_with_an_item_to_prepare(
    world, laptop, client_for
):
    page = client_for(world.colleague).get("/")
    assert reverse("onboarding:dashboard") in page.text


def test_it_lists_and_ticks_a_providers_items_through_the_api(world, laptop, api_for):
    api = api_for(world.colleague)
    listed = api.get(f"{API}/?mine=true")
    assert listed.status_code == 200, listed.content
    assert [row["id"] for row in listed.json()["results"]] == [str(laptop.pk)]
    done = api.post(f"{API}/{laptop.pk}/ready/", {"done": True}, format="json")
    assert done.status_code == 200 and done.json()["ready_at"]


def test_the_journeys_coordinator_ticks_any_item(world, laptop, client_for, api_for):
    keys = laptop.journey.kit_checks.get(label="Building keys")  # unassigned: nobody holds HR
    assert (
        api_for(world.coordinator)
        .post(f"{API}/{keys.pk}/ready/", {"done": True}, format="json")
        .status_code
        == 200
    )
    page = client_for(world.coordinator).post(
        reverse("onboarding:kit_item_toggle", args=[laptop.pk]), {"ready": "1"}
    )
    assert page.status_code == 302
    assert KitCheck.objects.filter(journey=laptop.journey, ready_at=None).count() == 0


@pytest.mark.parametrize("who", ["tutor", "manager", "newcomer"])
def test_it_refuses_and_audits_a_tick_by_someone_who_neither_provides_nor_coordinates(
    world, onb, laptop, client_for, api_for, who
):
    """They see the journey (and its kit) but the item is not theirs to tick: 403 on the page and
    in the API, nothing written, each attempt in the audit trail."""
    person = {"tutor": world.professional, "manager": world.manager, "newcomer": onb.nina}[who]
    page = client_for(person).post(
        reverse("onboarding:kit_item_toggle", args=[laptop.pk]), {"ready": "1"}
    )
    assert page.status_code == 403
    journey_page = client_for(person).post(
        reverse("onboarding:kit_toggle", args=[laptop.journey_id, laptop.pk]), {"ready": "1"}
    )
    assert journey_page.status_code == 403
    api = api_for(person).post(f"{API}/{laptop.pk}/ready/", {"done": True}, format="json")
    assert api.status_code == 403
    laptop.refresh_from_db()
    assert not laptop.is_ready
    assert _refusals(laptop) == 3
    entry = LogEntry.objects.filter(object_pk=str(laptop.pk)).latest("timestamp")
    assert entry.actor == person.user
    assert entry.additional_data["organisation"] == str(world.org_a.pk)


def test_it_hides_an_item_from_someone_who_does_not_see_it(world, onb, laptop, api_for, client_for):
    for person in (onb.oscar, world.coordinator_b):
        page = client_for(person).post(
            reverse("onboarding:kit_item_toggle", args=[laptop.pk]), {"ready": "1"}
        )
        assert page.status_code == 404
        api = api_for(person).post(f"{API}/{laptop.pk}/ready/", {"done": True}, format="json")
        assert api.status_code == 404
        assert api_for(person).get(f"{API}/?mine=true").json()["results"] == []


def test_the_service_refuses_and_audits_the_same_tick_from_a_command(world, laptop):
    with pytest.raises(ValidationError, match="marks it ready"):
        services.kit_set_ready(check=laptop, ready=True, by=world.professional)
    laptop.refresh_from_db()
    assert not laptop.is_ready and _refusals(laptop) == 1
    services.kit_set_ready(check=laptop, ready=True, by=world.colleague)  # positive control
    laptop.refresh_from_db()
    assert laptop.is_ready


def test_my_tasks_asks_the_same_number_of_queries_for_one_item_or_many(
    world, onb, start, client_for, api_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start()
    client, api = client_for(world.colleague), api_for(world.colleague)
    api.get(f"{API}/?mine=true")  # the token's first use records it (once)
    with CaptureQueriesContext(connection) as one_page:
        client.get(reverse("onboarding:my_tasks"))
    with CaptureQueriesContext(connection) as one_api:
        api.get(f"{API}/?mine=true")
    start(onb.oscar)
    assert KitCheck.objects.filter(provider=world.colleague).count() == 2
    with CaptureQueriesContext(connection) as two_page:
        page = client.get(reverse("onboarding:my_tasks"))
    with CaptureQueriesContext(connection) as two_api:
        listed = api.get(f"{API}/?mine=true")
    assert page.text.count('id="kit-') == 2 and len(listed.json()["results"]) == 2
    assert len(two_page.captured_queries) == len(one_page.captured_queries)
    assert len(two_api.captured_queries) == len(one_api.captured_queries)


def test_an_empty_body_never_ticks_an_item(world, laptop, api_for):
    """Outside test of #14: `ready/` with `{}` ticked the item; the body must say what is done."""
    answer = api_for(world.colleague).post(f"{API}/{laptop.pk}/ready/", {}, format="json")
    assert answer.status_code == 400 and "done" in str(answer.json())
    laptop.refresh_from_db()
    assert laptop.ready_at is None
