"""Everyone sees their part, in the pages and in the API:
a newcomer sees their own journey only; a task owner with no other right sees only their tasks;
another organisation sees nothing; evaluations stay with the newcomer, tutor, manager, coordinator."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from entrepairs.onboarding import services
from entrepairs.onboarding.models import CompetencyObservation, FeedbackEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(world, onb, start):  # type: ignore[no-untyped-def]
    nina = start(onb.nina, days=-20).journey
    oscar = start(onb.oscar, days=-20).journey
    for journey in (nina, oscar):
        services.observation_record(
            journey=journey,
            competency=journey.version.competencies.first(),
            level=2,
            observed_on=timezone.localdate(),
            note=f"Private note about {journey.newcomer.first_name}",
            source="tutor",
            author=world.professional,
        )
        services.feedback_record(
            journey=journey,
            kind="individual",
            given_on=timezone.localdate(),
            text=f"Feedback for {journey.newcomer.first_name}",
            author=world.professional,
        )
    return nina, oscar


def test_it_shows_a_newcomer_their_own_journey_only(world, onb, two, client_for, api_for):
    nina, oscar = two
    client = client_for(onb.nina)
    page = client.get(reverse("onboarding:journey", args=[nina.pk]))
    assert page.status_code == 200
    assert "Private note about Nina" in page.content.decode()
    assert client.get(reverse("onboarding:journey", args=[oscar.pk])).status_code == 404
    listing = client.get(reverse("onboarding:journeys")).content.decode()
    assert str(nina.pk) in listing and str(oscar.pk) not in listing
    api = api_for(onb.nina)
    assert [j["id"] for j in api.get("/api/v1/onboarding/journeys/").json()["results"]] == [
        str(nina.pk)
    ]
    assert api.get(f"/api/v1/onboarding/journeys/{oscar.pk}/").status_code == 404
    assert api.get(f"/api/v1/onboarding/journeys/{oscar.pk}/booklet/").status_code == 404


def test_it_never_shows_a_newcomer_the_evaluations_of_another(world, onb, two, client_for, api_for):
    nina, oscar = two
    client = client_for(onb.nina)
    history = client.get(reverse("onboarding:person_competencies", args=[onb.oscar.pk]))
    assert history.status_code == 404
    api = api_for(onb.nina)
    for kind in ("observations", "feedback", "closing-reviews", "shadowing"):
        body = api.get(f"/api/v1/onboarding/{kind}/").json()
        assert all(row["journey"] == str(nina.pk) for row in body["results"]), kind
    other_obs = CompetencyObservation.objects.get(journey=oscar)
    other_fb = FeedbackEntry.objects.get(journey=oscar)
    assert api.get(f"/api/v1/onboarding/observations/{other_obs.pk}/").status_code == 404
    assert api.get(f"/api/v1/onboarding/feedback/{other_fb.pk}/").status_code == 404
    assert api.get(f"/api/v1/onboarding/journeys/{oscar.pk}/review/").status_code == 404
    assert api.get(f"/api/v1/onboarding/people/{onb.oscar.pk}/competencies/").status_code == 404
    mine = api.get(f"/api/v1/onboarding/people/{onb.nina.pk}/competencies/").json()
    assert mine[0]["observations"][0]["note"] == "Private note about Nina"


def test_it_shows_a_task_owner_only_the_tasks_they_own(world, onb, two, client_for, api_for):
    nina, _oscar = two
    it_colleague = world.colleague  # the IT contact, with no other right in onboarding
    client = client_for(it_colleague)
    page = client.get(reverse("onboarding:my_tasks")).content.decode()
    assert page.count('id="task-') == 2  # one per newcomer
    assert "Prepare the computer and accounts" in page
    assert "Tour of the premises" not in page
    assert client.get(reverse("onboarding:journey", args=[nina.pk])).status_code == 404
    assert client.get(reverse("onboarding:booklet", args=[nina.pk])).status_code == 404
    task = nina.tasks.get(title="Prepare the computer and accounts")
    other = nina.tasks.get(title="Tour of the premises")
    assert (
        client.post(reverse("onboarding:task_toggle", args=[task.pk]), {"done": "1"}).status_code
        == 302
    )
    assert (
        client.post(reverse("onboarding:task_toggle", args=[other.pk]), {"done": "1"}).status_code
        == 404
    )
    task.refresh_from_db()
    other.refresh_from_db()
    assert task.is_done and not other.is_done
    api = api_for(it_colleague)
    titles = {
        t["title"] for t in api.get("/api/v1/onboarding/tasks/", {"mine": "true"}).json()["results"]
    }
    assert titles == {"Prepare the computer and accounts"}
    assert api.get("/api/v1/onboarding/tasks/").json()["count"] == 2
    assert (
        api.post(
            f"/api/v1/onboarding/tasks/{other.pk}/done/", {"done": True}, format="json"
        ).status_code
        == 404
    )
    assert api.get(f"/api/v1/onboarding/journeys/{nina.pk}/").status_code == 404
    assert api.get("/api/v1/onboarding/observations/").json()["count"] == 0


def test_it_shows_another_organisation_nothing(world, onb, two, client_for, api_for):
    nina, _ = two
    for who in (world.coordinator_b, world.worker_b):
        client = client_for(who)
        assert client.get(reverse("onboarding:journey", args=[nina.pk])).status_code == 404
        assert str(nina.pk) not in client.get(reverse("onboarding:journeys")).content.decode()
        api = api_for(who)
        for kind in (
            "journeys",
            "tasks",
            "kit-checks",
            "observations",
            "feedback",
            "templates",
            "tutors",
            "contacts",
        ):
            assert api.get(f"/api/v1/onboarding/{kind}/").json()["count"] == 0, kind
        assert api.get(f"/api/v1/onboarding/journeys/{nina.pk}/").status_code == 404
    dashboard = api_for(world.coordinator_b).get("/api/v1/onboarding/dashboard/").json()
    assert sum(dashboard["by_phase"].values()) == 0 and dashboard["late_tasks"] == 0


def test_it_keeps_evaluations_from_the_referent_and_the_platform_administrator(
    world, onb, start, client_for, api_for
):
    journey = start(onb.nina, days=-20, referent=world.colleague).journey
    services.observation_record(
        journey=journey,
        competency=journey.version.competencies.first(),
        level=3,
        observed_on=timezone.localdate(),
        note="Secret observation",
        source="tutor",
        author=world.professional,
    )
    referent = client_for(world.colleague).get(reverse("onboarding:journey", args=[journey.pk]))
    assert referent.status_code == 200
    assert "Secret observation" not in referent.content.decode()
    assert api_for(world.colleague).get("/api/v1/onboarding/observations/").json()["count"] == 0
    admin = client_for(world.admin)
    assert admin.get(reverse("onboarding:journey", args=[journey.pk])).status_code == 404
    assert (
        admin.get(reverse("onboarding:person_competencies", args=[onb.nina.pk])).status_code == 200
    )
    assert (
        "Secret observation"
        not in admin.get(
            reverse("onboarding:person_competencies", args=[onb.nina.pk])
        ).content.decode()
    )


def test_it_lets_the_manager_see_their_newcomer_evaluations_and_audits_the_reads(
    world, onb, two, client_for
):
    nina, _ = two
    obs = CompetencyObservation.objects.get(journey=nina)
    before = LogEntry.objects.filter(object_pk=str(obs.pk), action=LogEntry.Action.ACCESS).count()
    page = client_for(world.manager).get(reverse("onboarding:journey", args=[nina.pk]))
    assert "Private note about Nina" in page.content.decode()
    after = LogEntry.objects.filter(object_pk=str(obs.pk), action=LogEntry.Action.ACCESS)
    assert after.count() == before + 1
    assert after.latest("timestamp").actor == world.manager.user


def test_it_refuses_a_newcomer_the_tutor_actions(world, onb, two, client_for, api_for):
    nina, _ = two
    client = client_for(onb.nina)
    kit = nina.kit_checks.first()
    assert (
        client.post(
            reverse("onboarding:kit_toggle", args=[nina.pk, kit.pk]), {"ready": "1"}
        ).status_code
        == 403
    )
    assert client.post(reverse("onboarding:journey_close", args=[nina.pk])).status_code == 403
    assert client.get(reverse("onboarding:assign_tutor", args=[nina.pk])).status_code == 403
    api = api_for(onb.nina)
    assert (
        api.post(
            f"/api/v1/onboarding/kit-checks/{kit.pk}/ready/", {"done": True}, format="json"
        ).status_code
        == 403
    )
    assert api.post(f"/api/v1/onboarding/journeys/{nina.pk}/close/").status_code == 403
    assert (
        api.post(
            "/api/v1/onboarding/feedback/",
            {
                "journey": str(nina.pk),
                "kind": "individual",
                "given_on": timezone.localdate().isoformat(),
                "text": "I rate myself",
            },
            format="json",
        ).status_code
        == 403
    )


def test_it_offers_each_person_the_mark_done_button_of_the_tasks_they_may_tick(
    world, onb, two, client_for
):
    """The journey page asks the same rule as the service (rules.ticks_task): the tutor is
    offered their own tasks, not the newcomer's nor the unassigned HR one; the coordinator all."""
    journey = two[0]

    def offered(person):  # type: ignore[no-untyped-def]
        html = client_for(person).get(reverse("onboarding:journey", args=[journey.pk]))
        assert html.status_code == 200
        page = html.content.decode()
        return {
            t.owner_role
            for t in journey.tasks.all()
            if reverse("onboarding:task_toggle", args=[t.pk]) in page
        }

    assert offered(world.professional) == {"tutor", "referent"}  # the tutor is the referent too
    assert offered(world.coordinator) == {"hr", "it", "tutor", "referent", "newcomer"}
