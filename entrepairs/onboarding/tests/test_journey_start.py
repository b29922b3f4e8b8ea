"""Starting a journey: roles resolve to people, gaps are warned about, nothing is dropped."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from entrepairs.onboarding import services
from entrepairs.onboarding.models import Journey, JourneyTask, TutorProfile

pytestmark = pytest.mark.django_db


def test_it_creates_tasks_kit_reminders_and_introductions_with_resolved_owners(world, onb, start):
    result = start()
    journey = result.journey
    tasks = {t.title: t for t in journey.tasks.all()}
    assert tasks["Prepare the computer and accounts"].owner == world.colleague  # IT contact
    assert tasks["Tour of the premises"].owner == world.professional  # tutor
    assert (
        tasks["Explain the house rules"].owner == world.professional
    )  # referent defaults to tutor
    assert tasks["Read the fire procedure"].owner == onb.nina
    assert tasks["Tour of the premises"].due_date == journey.start_date
    assert tasks["Order the contract"].due_date == journey.start_date - datetime.timedelta(days=3)
    assert journey.kit_checks.get(label="Laptop").provider == world.colleague
    assert journey.reminders.get().due_date == journey.start_date + datetime.timedelta(days=10)
    assert journey.reminders.get().recipient == world.professional
    met = set(journey.introductions.values_list("person_id", flat=True))
    assert {world.professional.pk, world.manager.pk, world.colleague.pk} <= met
    assert onb.nina.pk not in met


def test_it_leaves_a_task_unassigned_with_a_clear_warning_when_nobody_holds_the_role(onb, start):
    result = start()
    task = result.journey.tasks.get(title="Order the contract")
    assert task.owner is None
    assert result.journey.kit_checks.get(label="Building keys").provider is None
    assert any("HR" in w and "unassigned" in w for w in result.warnings)


def test_it_lists_pre_arrival_tasks_as_late_when_day_one_is_past(onb, start):
    result = start(days=-2)
    journey = result.journey
    assert journey.tasks.count() == len(onb.version.tasks.all())
    late = JourneyTask.objects.filter(journey=journey).late()
    assert {"Order the contract", "Prepare the computer and accounts"} <= set(
        late.values_list("title", flat=True)
    )
    assert any("already late" in w for w in result.warnings)


def test_it_starts_before_the_tutor_is_named_and_warns_until_one_is(world, onb, start):
    result = start(tutor=None)
    journey = result.journey
    name_task = journey.tasks.get(kind=JourneyTask.Kind.NAME_TUTOR)
    assert name_task.owner == world.coordinator
    assert name_task.due_date == journey.start_date - datetime.timedelta(days=7)
    assert journey.tasks.get(title="Tour of the premises").owner is None
    assert services.journey_warnings(journey) == ["No tutor is named yet."]
    services.journey_assign_tutor(journey=journey, tutor=world.professional, by=world.coordinator)
    journey.refresh_from_db()
    assert services.journey_warnings(journey) == []
    assert journey.tasks.get(kind=JourneyTask.Kind.NAME_TUTOR).is_done
    assert journey.tasks.get(title="Tour of the premises").owner == world.professional
    assert journey.reminders.get().recipient == world.professional


def test_it_warns_before_giving_an_untrained_or_overloaded_tutor_a_newcomer(world, onb, start):
    with pytest.raises(ValidationError) as exc:
        start(tutor=world.colleague)  # no tutor profile: untrained, no time allocated
    messages = exc.value.message_dict["tutor"]
    assert any("not trained" in m for m in messages)
    assert not Journey.objects.exists()
    start(onb.oscar)  # Paula: 2 h of 4
    start(onb.nina, tutor=world.professional)  # 4 h of 4: still fine
    third = services.tutor_warnings(tutor=world.professional, version=onb.version)
    assert any("6 h a week for 4 h allocated" in m for m in third)
    result = start(world.facilitator, tutor=world.colleague, confirm=True)  # staff, not served
    assert result.journey.tutor == world.colleague


def test_it_refuses_a_second_active_journey_and_people_of_another_organisation(world, onb, start):
    start()
    with pytest.raises(ValidationError) as exc:
        start()
    assert "newcomer" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        start(onb.oscar, tutor=world.worker_b, confirm=True)
    assert "tutor" in exc.value.message_dict
    assert Journey.objects.count() == 1


def test_it_starts_a_journey_in_the_browser_with_the_tutor_warning(world, onb, client_for):
    TutorProfile.objects.filter(person=world.professional).update(trained=False)
    client = client_for(world.coordinator)
    day_one = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    data = {
        "template": onb.template.pk,
        "newcomer": onb.nina.pk,
        "start_date": day_one,
        "tutor": world.professional.pk,
    }
    response = client.post(reverse("onboarding:journey_start"), data)
    assert response.status_code == 200
    assert 'id="tutor-warnings"' in response.content.decode(), response.context["form"].errors
    assert not Journey.objects.exists()
    response = client.post(reverse("onboarding:journey_start"), {**data, "confirm": "on"})
    journey = Journey.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "onboarding:journey", args=[journey.pk]
    )
    page = client.get(response.url)
    assert "Order the contract" in page.content.decode()


def test_it_starts_a_journey_through_the_api_and_names_the_tutor_later(world, onb, api_for):
    api = api_for(world.coordinator)
    day_one = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = api.post(
        "/api/v1/onboarding/journeys/",
        {"template": str(onb.template.pk), "newcomer": str(onb.nina.pk), "start_date": day_one},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert any("No tutor" in w for w in body["warnings"])
    assert any("already late" in w for w in body["warnings"])
    journey_id = body["journey"]["id"]
    untrained = api.post(
        f"/api/v1/onboarding/journeys/{journey_id}/assign-tutor/",
        {"tutor": str(world.colleague.pk)},
        format="json",
    )
    assert untrained.status_code == 400 and "tutor" in untrained.json()["error"]["fields"]
    ok = api.post(
        f"/api/v1/onboarding/journeys/{journey_id}/assign-tutor/",
        {"tutor": str(world.professional.pk)},
        format="json",
    )
    assert ok.status_code == 200
    tasks = api.get("/api/v1/onboarding/tasks/", {"journey": journey_id}).json()["results"]
    assert any(t["kind"] == "name_tutor" and t["done_at"] for t in tasks)
    assert any(t["is_late"] for t in tasks)


def test_it_tells_the_tutor_the_start_date_in_words_not_as_an_iso_date(world, onb, start):
    import re

    from django.utils import translation

    from entrepairs.core.models import Notification

    with translation.override("fr"):
        journey = start().journey
    told = [n.body for n in Notification.objects.all() if str(journey.start_date.year) in n.body]
    assert told  # the owners of the tasks before day one are told the date
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", body) for body in told), told
