"""Large imports are written by the worker: the run page and the API follow them to their end.

IMPORT_INLINE_ROWS is lowered to 2 here, so a file of three rows counts as large.
"""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded
from entrepairs.people import tasks
from entrepairs.people.models import ImportRun, Person
from entrepairs.people.tasks import import_start

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Keeps the task without running it: the test plays the worker.
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
LARGE = (
    "first_name,last_name,email,team\n"
    "Ann,Lee,ann@example.test,Noyau Lille 1\n"
    "Bob,Ray,bob@example.test,Noyau Lille 1\n"
    "Paula,Pro,paula.pro@tutelle-nord.test,Équipe Lille\n"
).encode()
SMALL = b"first_name,last_name,email\nAnn,Lee,ann@example.test\nBob,Ray,bob@example.test\n"
API = "/api/v1/people/import/"


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.IMPORT_INLINE_ROWS = 2
    settings.TASKS = IMMEDIATE
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def upload(data: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def preview_then_confirm(client, world, data: bytes):
    page = client.post(
        reverse("people:import"), {"organisation": world.org_a.pk, "file": upload(data)}
    )
    assert page.status_code == 200 and page.context["token"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("people:import"), {"token": page.context["token"]}, follow=True)


def test_it_writes_a_large_file_in_the_background_and_shows_the_outcome(
    world, client_for, mailoutbox
):
    client = client_for(world.coordinator)
    page = client.post(
        reverse("people:import"), {"organisation": world.org_a.pk, "file": upload(LARGE)}
    )
    assert 'id="import-background"' in page.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker starts after the commit
        confirmed = client.post(reverse("people:import"), {"token": page.context["token"]})
    run = ImportRun.objects.get()
    assert confirmed["Location"] == reverse("people:import_run", args=[run.pk])
    html = client.get(confirmed["Location"]).content.decode()
    assert 'data-status="done"' in html and "2 created, 1 updated" in html
    assert 'hx-trigger="every 2s"' not in html  # finished: no more polling
    assert f'href="{reverse("people:list")}"' in html
    assert (run.status, run.created, run.updated, run.rows) == ("done", 2, 1, 3)
    assert run.data is None and run.started_at and run.finished_at  # the file is not kept
    ann = Person.objects.get(email="ann@example.test")
    assert ann.team == world.core
    world.professional.refresh_from_db()
    assert world.professional.team == world.region
    entry = LogEntry.objects.get(action=LogEntry.Action.CREATE, object_pk=str(ann.pk))
    assert entry.actor == world.coordinator.user and entry.additional_data["source"] == "task"
    note = Notification.objects.get(recipient=world.coordinator.user)
    assert note.subject == "Import finished: 2 created, 1 updated"
    assert worded(note, "shown_subject") == {  # the reader's language, not the author's
        "fr": "Import terminé : 2 créées, 1 mises à jour",
        "en": "Import finished: 2 created, 1 updated",
    }
    assert note.link == reverse("people:import_run", args=[run.pk])
    assert [m.to for m in mailoutbox] == [[world.coordinator.email]]


def test_it_polls_while_the_import_waits_then_shows_the_summary(world, client_for, settings):
    settings.TASKS = DUMMY
    client = client_for(world.coordinator)
    done = preview_then_confirm(client, world, LARGE)
    run = ImportRun.objects.get()
    html = done.content.decode()
    assert run.status == "queued" and 'data-status="queued"' in html
    assert "Import in progress…" in html
    url = reverse("people:import_run", args=[run.pk])
    assert f'hx-get="{url}?status=queued"' in html and 'hx-trigger="every 2s"' in html
    assert not Person.objects.filter(email="ann@example.test").exists()
    # While nothing changes the poll swaps nothing.
    assert client.get(url, {"status": "queued"}, HTTP_HX_REQUEST="true").status_code == 204

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert tasks.run_import.call(str(run.pk)) == "done"
    fragment = client.get(url, {"status": "queued"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert html.lstrip().startswith('<section class="card" id="run-status"')  # the fragment only
    assert 'data-status="done"' in html and 'hx-trigger="every 2s"' not in html
    assert "2 created, 1 updated" in html
    # A task delivered twice imports the file once.
    assert tasks.run_import.call(str(run.pk)) == "done"
    assert Person.objects.filter(email="ann@example.test").count() == 1


def test_it_keeps_a_file_within_the_threshold_in_the_request(world, client_for):
    done = preview_then_confirm(client_for(world.coordinator), world, SMALL)
    assert done.redirect_chain[-1][0] == reverse("people:list")
    assert "2 created, 0 updated" in done.content.decode()
    assert not ImportRun.objects.exists()
    assert Person.objects.filter(email__in=["ann@example.test", "bob@example.test"]).count() == 2


def test_it_fails_a_run_whose_author_lost_their_role_and_writes_nothing(
    world, client_for, settings, mailoutbox
):
    settings.TASKS = DUMMY
    preview_then_confirm(client_for(world.coordinator), world, LARGE)
    run = ImportRun.objects.get()
    # Between the upload and the worker, the author stops coordinating the organisation.
    for membership in world.coordinator.memberships.filter(organisation=world.org_a):
        membership.delete()
    people = Person.objects.count()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert tasks.run_import.call(str(run.pk)) == "failed"
    run.refresh_from_db()
    assert run.status == "failed" and run.data is None and run.created == run.updated == 0
    assert run.error == (
        "The import was not applied: the person who started it may no longer import people "
        "into Association Tutelle Nord. Nothing was imported."
    )
    assert Person.objects.count() == people
    assert not Person.objects.filter(email="ann@example.test").exists()
    note = Notification.objects.get(recipient=world.coordinator.user)
    assert note.subject == "Import failed: nothing was imported"


def test_it_fails_a_run_whose_author_was_deactivated(world, client_for, settings):
    settings.TASKS = DUMMY
    preview_then_confirm(client_for(world.coordinator), world, LARGE)
    run = ImportRun.objects.get()
    world.coordinator.user.is_active = False
    world.coordinator.user.save()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert tasks.run_import.call(str(run.pk)) == "failed"
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_fails_a_run_whose_file_no_longer_fits_and_writes_nothing(world, client_for, settings):
    settings.TASKS = DUMMY
    client = client_for(world.coordinator)
    preview_then_confirm(client, world, LARGE)
    run = ImportRun.objects.get()
    # Between the preview and the worker, someone renames the team the file names.
    world.core.name = "Noyau Roubaix"
    world.core.save()
    people, entries = Person.objects.count(), LogEntry.objects.count()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert tasks.run_import.call(str(run.pk)) == "failed"
    run.refresh_from_db()
    assert run.status == "failed" and run.data is None and run.created == run.updated == 0
    assert run.errors == {
        "2": {"team": ["No team named “Noyau Lille 1” in this organisation."]},
        "3": {"team": ["No team named “Noyau Lille 1” in this organisation."]},
    }
    assert Person.objects.count() == people
    assert LogEntry.objects.count() == entries  # nothing written, not even Paula's update
    world.professional.refresh_from_db()
    assert world.professional.team == world.core
    note = Notification.objects.get(recipient=world.coordinator.user)
    assert note.subject == "Import failed: nothing was imported"

    html = client.get(reverse("people:import_run", args=[run.pk])).content.decode()
    assert 'data-status="failed"' in html and 'id="run-line-2"' in html
    assert "No team named “Noyau Lille 1”" in html


def test_it_fails_a_run_whose_file_cannot_be_read(world):
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = import_start(
            organisation=world.org_a,
            by=world.coordinator.user,
            filename="people.xlsx",
            data=b"PK\x03\x04nope",
            rows=3,
        )
    run.refresh_from_db()
    assert run.status == "failed" and "not a valid Excel workbook" in run.error
    assert run.errors == {} and run.data is None


def test_it_answers_202_for_a_large_file_then_the_run_reports_done(world, api_for):
    api = api_for(world.coordinator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = api.post(
            API,
            {"file": upload(LARGE), "organisation": "tutelle-nord", "dry_run": "false"},
            format="multipart",
        )
    assert response.status_code == 202
    body = response.json()
    run = ImportRun.objects.get()
    url = f"http://testserver/api/v1/people/imports/{run.pk}/"
    assert body["id"] == str(run.pk) and body["url"] == url and response["Location"] == url
    assert body["status"] == "queued" and body["rows"] == 3

    status = api.get(url).json()
    assert (status["status"], status["created"], status["updated"], status["unchanged"]) == (
        "done",
        2,
        1,
        0,
    )
    assert status["errors"] == {} and status["error"] == "" and status["finished_at"]
    assert Person.objects.filter(email="bob@example.test").exists()


def test_it_answers_400_for_a_large_file_with_errors_and_starts_nothing(world, api_for):
    dirty = LARGE + b"Cy,Low,not-an-email,Noyau Lille 1\n"
    response = api_for(world.coordinator).post(
        API,
        {"file": upload(dirty), "organisation": "tutelle-nord", "dry_run": "false"},
        format="multipart",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"rows.5.email"}
    assert not ImportRun.objects.exists()


def test_it_reports_the_row_errors_of_a_failed_run_in_the_api(world, api_for, settings):
    settings.TASKS = DUMMY
    api = api_for(world.coordinator)
    api.post(
        API,
        {"file": upload(LARGE), "organisation": "tutelle-nord", "dry_run": "false"},
        format="multipart",
    )
    run = ImportRun.objects.get()
    world.core.name = "Noyau Roubaix"
    world.core.save()
    tasks.run_import.call(str(run.pk))
    body = api.get(f"/api/v1/people/imports/{run.pk}/").json()
    assert body["status"] == "failed" and set(body["errors"]) == {"2", "3"}
    assert body["errors"]["2"] == {"team": ["No team named “Noyau Lille 1” in this organisation."]}


def test_it_checks_a_large_file_without_a_run_in_a_dry_run(world, api_for):
    response = api_for(world.coordinator).post(
        API, {"file": upload(LARGE), "organisation": "tutelle-nord"}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert not ImportRun.objects.exists()


@pytest.fixture
def run(world):
    return ImportRun.objects.create(
        organisation=world.org_a, created_by=world.coordinator.user, filename="a.csv", rows=3
    )


def test_it_shows_a_run_to_who_started_it_and_the_organisations_managers(world, client_for, run):
    from entrepairs.organisations.models import Membership, Role

    Membership.objects.create(person=world.manager, organisation=world.org_a, role=Role.ADMIN)
    for who in (world.coordinator, world.manager, world.admin):
        page = client_for(who).get(reverse("people:import_run", args=[run.pk]))
        assert page.status_code == 200, who


def test_it_shows_a_failed_run_in_a_bounded_number_of_queries(
    world, client_for, run, django_assert_max_num_queries
):
    run.status = ImportRun.Status.FAILED
    run.errors = {str(line): {"team": ["No team named “X”."]} for line in range(2, 502)}
    run.save()
    client = client_for(world.coordinator)
    client.get(reverse("dashboard"))  # session and viewer warmed up
    with django_assert_max_num_queries(12):
        page = client.get(reverse("people:import_run", args=[run.pk]))
    assert page.content.decode().count('class="errorlist"') == 500


def test_it_hides_a_run_from_everyone_else(world, client_for, api_for, run):
    url = reverse("people:import_run", args=[run.pk])
    for who in (world.coordinator_b, world.professional):
        assert client_for(who).get(url).status_code == 404
        response = api_for(who).get(f"/api/v1/people/imports/{run.pk}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert client_for(world.coordinator).get(url).status_code == 200


def test_it_documents_the_background_import_in_the_openapi_schema(world, client_for):
    schema = client_for(world.coordinator).get("/api/schema/", {"format": "json"}).json()
    assert "202" in schema["paths"]["/api/v1/people/import/"]["post"]["responses"]
    run = schema["paths"]["/api/v1/people/imports/{id}/"]["get"]
    properties = schema["components"]["schemas"]["ImportRun"]["properties"]
    assert {"status", "created", "updated", "unchanged", "errors"} <= set(properties)
    assert "404" in run["responses"]


def test_a_run_whose_job_gave_up_is_marked_failed_and_its_author_told(world, settings):
    """The job layer (core.jobs) calls import_run_give_up when the import's worker died at every
    attempt: the run ends failed, nothing written, its author told; an ended run is left alone."""
    from entrepairs.core.jobs.policy import policy_for

    settings.TASKS = DUMMY
    run = import_start(
        organisation=world.org_a, by=world.coordinator.user, filename="p.csv", data=LARGE, rows=3
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    give_up = policy_for(tasks.run_import.module_path).on_give_up
    assert give_up is not None
    give_up(str(run.pk))
    give_up(str(run.pk))  # twice: still one notification
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and "interrupted" in run.error
    assert run.data is None
    assert (
        Notification.objects.filter(
            recipient=world.coordinator.user, link=run.get_absolute_url()
        ).count()
        == 1
    )
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_an_import_delivered_twice_writes_the_file_once(world, settings):
    settings.TASKS = DUMMY
    run = import_start(
        organisation=world.org_a, by=world.coordinator.user, filename="p.csv", data=LARGE, rows=3
    )
    assert tasks.run_import.call(str(run.pk)) == ImportRun.Status.DONE
    assert tasks.run_import.call(str(run.pk)) == ImportRun.Status.DONE  # a second delivery
    assert Person.objects.filter(email__in=["ann@example.test", "bob@example.test"]).count() == 2
    assert Notification.objects.filter(recipient=world.coordinator.user).count() == 1


def test_an_import_whose_worker_died_is_written_once_by_the_next_attempt(world, settings):
    """The dead worker had claimed the run (running) and its transaction was rolled back: the
    retry the job layer queues takes the run up again and writes it, once."""
    settings.TASKS = DUMMY
    run = import_start(
        organisation=world.org_a, by=world.coordinator.user, filename="p.csv", data=LARGE, rows=3
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    assert tasks.run_import.call(str(run.pk)) == ImportRun.Status.DONE
    run.refresh_from_db()
    assert (run.status, run.created, run.updated) == ("done", 2, 1)
    assert Person.objects.filter(email="ann@example.test").count() == 1


def test_a_database_error_during_an_import_leaves_the_run_to_be_retried(
    world, settings, monkeypatch
):
    from django.db import OperationalError

    from entrepairs.people import imports

    settings.TASKS = DUMMY
    run = import_start(
        organisation=world.org_a, by=world.coordinator.user, filename="p.csv", data=LARGE, rows=3
    )

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(imports, "import_people", locked)
    with pytest.raises(OperationalError):
        tasks.run_import.call(str(run.pk))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.RUNNING and run.data  # kept for the retry
    monkeypatch.undo()
    assert tasks.run_import.call(str(run.pk)) == ImportRun.Status.DONE
