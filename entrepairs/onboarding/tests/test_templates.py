"""Templates are built by the coordinator and versioned: a change never reaches running journeys."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import templating
from entrepairs.onboarding.models import TemplateTask, TemplateVersion

from .conftest import build_template

pytestmark = pytest.mark.django_db


def test_it_keeps_running_journeys_on_their_version_when_the_template_changes(world, onb, start):
    journey = start().journey
    draft = templating.template_draft(template=onb.template, by=SYSTEM)
    assert draft.number == 2 and not draft.is_published
    assert draft.tasks.count() == onb.version.tasks.count()
    task = draft.tasks.get(title="First week review")
    task.title = "First week review with the manager"
    templating.version_save_part(part=task, by=SYSTEM)
    templating.version_publish(version=draft, by=SYSTEM)
    journey.refresh_from_db()
    assert journey.version == onb.version
    assert journey.tasks.filter(title="First week review").exists()
    assert not journey.tasks.filter(title__contains="with the manager").exists()
    assert onb.template.latest_published() == draft


def test_it_refuses_to_change_a_published_version(onb):
    task = onb.version.tasks.first()
    task.title = "Changed"
    with pytest.raises(ValidationError, match="frozen"):
        templating.version_save_part(part=task, by=SYSTEM)


def test_it_refuses_a_task_due_before_it_can_start(world):
    template = build_template(world.org_a, function="Night watch", publish=False)
    draft = template.draft()
    with pytest.raises(ValidationError) as exc:
        templating.version_save_part(
            part=TemplateTask(
                version=draft,
                phase="prepare",
                title="Keys",
                owner_role="hr",
                start_day=3,
                due_day=1,
            ),
            by=SYSTEM,
        )
    assert "due_day" in exc.value.message_dict
    with pytest.raises(ValidationError):
        templating.version_save_part(
            part=TemplateTask(
                version=draft,
                phase="prepare",
                title="Too early",
                owner_role="hr",
                start_day=-30,
                due_day=1,
            ),
            by=SYSTEM,
        )


def test_it_lets_a_coordinator_build_a_template_in_the_browser(world, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("onboarding:templates"),
        {
            "organisation": world.org_a.pk,
            "function": "Social worker",
            "tutoring_type": "integration",
        },
    )
    assert response.status_code == 302
    version = TemplateVersion.objects.get(template__function="Social worker")
    add = reverse("onboarding:version_part_add", args=[version.pk, "task"])
    bad = client.post(
        add,
        {
            "task-phase": "prepare",
            "task-title": "Badge",
            "task-owner_role": "hr",
            "task-start_day": 2,
            "task-due_day": 0,
            "task-mandatory": "on",
        },
    )
    assert bad.status_code == 400
    assert "cannot be due before the day it can start" in bad.content.decode()
    assert not version.tasks.exists()
    ok = client.post(
        add,
        {
            "task-phase": "prepare",
            "task-title": "Badge",
            "task-owner_role": "hr",
            "task-start_day": -5,
            "task-due_day": -1,
            "task-mandatory": "on",
        },
    )
    assert ok.status_code == 302
    client.post(reverse("onboarding:version_publish", args=[version.pk]))
    version.refresh_from_db()
    assert version.is_published
    page = client.get(reverse("onboarding:template", args=[version.template_id]))
    assert page.status_code == 200 and "Badge" in page.content.decode()


def test_it_refuses_template_pages_and_api_to_people_who_are_not_coordinators(
    world, onb, client_for, api_for
):
    for who in (world.professional, world.coordinator_b):
        client = client_for(who)
        assert client.get(reverse("onboarding:template", args=[onb.template.pk])).status_code == 404
        api = api_for(who)
        assert api.get(f"/api/v1/onboarding/templates/{onb.template.pk}/").status_code == 404
        assert api.get("/api/v1/onboarding/templates/").json()["count"] == 0
    # Positive control: the coordinator opens the same page and API detail.
    page = client_for(world.coordinator).get(reverse("onboarding:template", args=[onb.template.pk]))
    assert page.status_code == 200
    detail = api_for(world.coordinator).get(f"/api/v1/onboarding/templates/{onb.template.pk}/")
    assert detail.status_code == 200


def test_it_builds_and_versions_a_template_through_the_api(world, onb, api_for):
    api = api_for(world.coordinator)
    response = api.post(
        "/api/v1/onboarding/templates/",
        {
            "organisation": str(world.org_a.pk),
            "function": "Night watch",
            "tutoring_type": "insertion",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    version_id = response.json()["versions"][0]["id"]
    bad = api.post(
        "/api/v1/onboarding/template-tasks/",
        {
            "version": version_id,
            "phase": "prepare",
            "title": "Keys",
            "owner_role": "hr",
            "start_day": 2,
            "due_day": 1,
        },
        format="json",
    )
    assert bad.status_code == 400 and "due_day" in bad.json()["error"]["fields"]
    ok = api.post(
        "/api/v1/onboarding/template-tasks/",
        {
            "version": version_id,
            "phase": "prepare",
            "title": "Keys",
            "owner_role": "hr",
            "start_day": -2,
            "due_day": 1,
        },
        format="json",
    )
    assert ok.status_code == 201
    assert (
        api.post(f"/api/v1/onboarding/template-versions/{version_id}/publish/").status_code == 200
    )
    frozen = api.patch(
        f"/api/v1/onboarding/template-tasks/{ok.json()['id']}/", {"title": "Other"}, format="json"
    )
    assert frozen.status_code == 400 and "frozen" in frozen.json()["error"]["message"] + str(
        frozen.json()["error"]["fields"]
    )
    draft = api.post(f"/api/v1/onboarding/templates/{response.json()['id']}/draft/")
    assert draft.status_code == 200 and draft.json()["number"] == 2
    bad_scale = api.patch(
        f"/api/v1/onboarding/template-versions/{draft.json()['id']}/",
        {"scale": ["only one"]},
        format="json",
    )
    assert bad_scale.status_code == 400


def test_it_shows_a_scale_of_fewer_than_two_levels_next_to_the_field(world, client_for):
    template = build_template(world.org_a, function="Social worker", publish=False)
    draft = template.draft()
    url = reverse("onboarding:version_frames", args=[draft.pk])
    client = client_for(world.coordinator)
    response = client.post(url, {"scale_text": "Only one", "tutor_hours_per_week": 2})
    assert response.status_code == 200
    assert 'id="id_scale_text_error"' in response.content.decode()
    draft.refresh_from_db()
    assert len(draft.scale) == 4
    response = client.post(
        url,
        {
            "scale_text": "Novice\nConfirmed\nExpert",
            "tutor_hours_per_week": 3,
            "objectives": "Know the house",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.scale == ["Novice", "Confirmed", "Expert"] and draft.objectives == "Know the house"
