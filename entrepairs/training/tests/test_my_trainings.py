"""« Mes formations »: each person sees what their roles and programmes require of them (also in
another organisation: a partner agency's case worker), enrols to a session within its seats, and
downloads the certificate of what they completed; the coordinator ticks who attended; expiry
alerts reach the person and their coordinators once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.notifying import worded
from entrepairs.mentoring.models import Programme, SharingAgreement
from entrepairs.training import selectors, services
from entrepairs.training.models import TrainingCompletion, TrainingEnrolment, TrainingModule


@pytest.fixture
def coming(world, module):
    return services.session_schedule(
        module=module,
        held_on=timezone.localdate() + timedelta(days=10),
        capacity=1,
        place="Lille",
        by=world.coordinator,
    )


@pytest.fixture
def agency_module(world):
    """Organisation A's programme requires a staff training of its partner agency's case workers."""
    module = services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Sharing information with the agency",
            audience=TrainingModule.Audience.STAFF,
            partner="Département du Nord",
        ),
        by=world.coordinator,
    )
    programme = Programme.objects.create(organisation=world.org_a, name="Parrainage Lille")
    programme.required_trainings.add(module)
    SharingAgreement.objects.create(organisation=world.org_a, agency=world.org_b)
    return module


def test_it_shows_a_missing_required_training_and_its_coming_sessions(world, module, coming):
    (row,) = selectors.my_trainings(world.coordinator)
    assert row.module == module and row.cell.state == "missing"
    assert row.sessions == [coming]
    assert row.reasons == ["Coordinator — Association Tutelle Nord"]
    assert selectors.my_trainings(world.professional) == []


def test_it_enrols_within_the_seats_and_refuses_the_last_seat_twice(world, module, coming):
    services.session_enrol(session=coming, person=world.coordinator, by=world.coordinator)
    services.session_enrol(session=coming, person=world.coordinator, by=world.coordinator)
    assert TrainingEnrolment.objects.count() == 1
    with pytest.raises(ValidationError) as full:
        services.session_enrol(session=coming, person=world.professional, by=world.coordinator)
    assert "full" in full.value.messages[0]
    assert TrainingEnrolment.objects.count() == 1


def test_it_refuses_an_enrolment_to_a_session_that_is_over(world, module):
    past = services.session_schedule(
        module=module,
        held_on=timezone.localdate() - timedelta(days=1),
        by=world.coordinator,
        already_held=True,
    )
    with pytest.raises(ValidationError):
        services.session_enrol(session=past, person=world.coordinator, by=world.coordinator)


def test_it_refuses_someone_else_s_enrolment_by_a_person_who_does_not_manage(world, module, coming):
    with pytest.raises(ValidationError):
        services.session_enrol(session=coming, person=world.coordinator, by=world.professional)
    assert not TrainingEnrolment.objects.exists()


def test_a_partner_agency_s_case_worker_sees_enrols_and_completes(world, agency_module, client_for):
    session = services.session_schedule(
        module=agency_module,
        held_on=timezone.localdate() + timedelta(days=3),
        by=world.coordinator,
    )
    (row,) = selectors.my_trainings(world.worker_b)
    assert row.module == agency_module and row.reasons == ["Case worker — Parrainage Lille"]

    page = client_for(world.worker_b).get("/training/mine/")
    assert page.status_code == 200
    assert "Sharing information with the agency" in page.content.decode()
    answer = client_for(world.worker_b).post(f"/training/sessions/{session.pk}/enrol/")
    assert answer.status_code == 302
    assert TrainingEnrolment.objects.filter(person=world.worker_b, session=session).exists()

    # The day it is held, the coordinator of organisation A ticks the enrolled case worker.
    session.held_on = timezone.localdate()
    session.save()
    coordinator = client_for(world.coordinator)
    answer = coordinator.post(
        f"/training/sessions/{session.pk}/", {"a-enrolled": [str(world.worker_b.pk)]}
    )
    assert answer.status_code == 302, answer.content.decode()
    done = TrainingCompletion.objects.get(person=world.worker_b)
    assert done.session == session
    (row,) = selectors.my_trainings(world.worker_b)
    assert row.cell.state == "ok"


def test_it_hides_a_session_of_a_training_not_required_of_the_person(
    world, module, coming, client_for
):
    assert (
        client_for(world.worker_b).post(f"/training/sessions/{coming.pk}/enrol/").status_code == 404
    )
    assert not TrainingEnrolment.objects.exists()


def test_it_gives_the_certificate_to_the_person_and_their_coordinator_only(
    world, module, client_for
):
    done = services.completion_record(
        person=world.coordinator, module=module, completed_on=timezone.localdate(), by=SYSTEM
    )
    mine = client_for(world.coordinator).get(f"/training/completions/{done.pk}/certificate/")
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert mine.content.startswith(b"%PDF")
    other = client_for(world.coordinator_b).get(f"/training/completions/{done.pk}/certificate/")
    assert other.status_code == 404


def test_it_alerts_the_person_and_their_coordinators_once_before_expiry(world, module):
    services.requirement_add(module=module, role="professional", by=world.coordinator)
    today = timezone.localdate()
    services.completion_record(
        person=world.professional,
        module=module,
        completed_on=today.replace(year=today.year - 1) + timedelta(days=20),
        by=SYSTEM,
    )
    call_command("send_training_expiry_alerts", "--days", "30", stdout=StringIO())
    to = set(
        Notification.objects.filter(kind="training.expiry").values_list("recipient", flat=True)
    )
    assert to == {world.professional.user_id, world.coordinator.user_id}
    mine = Notification.objects.get(kind="training.expiry", recipient=world.professional.user)
    expires = mine.texts["subject"]["params"]["date"]["date"]  # kept as ISO, worded when read
    texts = worded(mine, "shown_subject")
    assert texts["fr"].startswith(f"Votre formation « {module.name} » expire le ")
    assert texts["en"].startswith(f"Your training “{module.name}” expires on ")
    assert "/" not in texts["fr"] and expires not in texts["fr"]  # a date in words, never ISO
    call_command("send_training_expiry_alerts", "--days", "30", stdout=StringIO())
    assert Notification.objects.filter(kind="training.expiry").count() == 2


# --- API -------------------------------------------------------------------------------------


def test_the_api_lists_my_trainings_and_enrols_me(world, module, coming, api_for):
    api = api_for(world.coordinator)
    (row,) = api.get("/api/v1/training/mine/").json()
    assert row["state"] == "missing" and row["sessions"][0]["id"] == str(coming.pk)
    assert api.post(f"/api/v1/training/sessions/{coming.pk}/enrolment/").status_code == 201
    assert api.get("/api/v1/training/mine/").json()[0]["sessions"][0]["enrolled"] is True
    assert api.delete(f"/api/v1/training/sessions/{coming.pk}/enrolment/").status_code == 204
    assert not TrainingEnrolment.objects.exists()


def test_the_api_answers_404_for_another_organisation_s_ids(world, module, coming, api_for):
    done = services.completion_record(
        person=world.coordinator, module=module, completed_on=timezone.localdate(), by=SYSTEM
    )
    api = api_for(world.coordinator_b)
    assert api.post(f"/api/v1/training/sessions/{coming.pk}/enrolment/").status_code == 404
    assert api.get(f"/api/v1/training/completions/{done.pk}/certificate/").status_code == 404
    assert api.get(f"/api/v1/training/completions/{done.pk}/").status_code == 404
    own = api_for(world.coordinator).get(f"/api/v1/training/completions/{done.pk}/certificate/")
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"


def test_the_daily_task_sends_the_same_alerts(world, module):
    from entrepairs.training.tasks import send_training_expiry_alerts

    assert send_training_expiry_alerts.call() == 0


def test_the_compliance_table_sums_up_per_team(world, module, client_for):
    services.requirement_add(module=module, role="professional", by=world.coordinator)
    services.completion_record(
        person=world.professional, module=module, completed_on=timezone.localdate(), by=SYSTEM
    )
    teams = {
        t.team: (t.compliant, t.total)
        for t in client_for(world.coordinator).get("/training/completions/").context["teams"]
    }
    assert teams == {"Noyau Lille 1": (1, 2), "": (0, 1)}
