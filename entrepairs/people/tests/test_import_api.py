"""POST /api/v1/people/import/: a dry run by default, all or nothing when asked to write."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    # Messages are checked in their source language; the French wording belongs to the translators.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


URL = "/api/v1/people/import/"
CLEAN = (
    "first_name,last_name,email,team\n"
    "Ann,Lee,ann@example.test,Noyau Lille 1\n"
    "Paula,Pro,paula.pro@tutelle-nord.test,Équipe Lille\n"
).encode()
DIRTY = (
    b"first_name,last_name,email,team\n"
    b"Ann,Lee,ann@example.test,Noyau Lille 1\n"
    b"Bob,Ray,not-an-email,Nowhere\n"
)


def upload(data: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_it_checks_without_writing_by_default(world, api_for):
    response = api_for(world.coordinator).post(
        URL, {"file": upload(CLEAN), "organisation": "tutelle-nord"}, format="multipart"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["dry_run"] is True
    assert (body["created"], body["updated"]) == (1, 1)
    assert body["rows"] == [
        {"line": 2, "action": "create", "changes": [], "errors": {}, "warnings": []},
        {"line": 3, "action": "update", "changes": ["team"], "errors": {}, "warnings": []},
    ]
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_imports_when_dry_run_is_false(world, api_for):
    response = api_for(world.coordinator).post(
        URL,
        {"file": upload(CLEAN), "organisation": str(world.org_a.pk), "dry_run": "false"},
        format="multipart",
    )
    assert response.status_code == 200 and response.json()["created"] == 1
    assert Person.objects.get(email="ann@example.test").team == world.core
    world.professional.refresh_from_db()
    assert world.professional.team == world.region


def test_it_audits_an_api_import_under_the_tokens_owner(world, api_for):
    from auditlog.models import LogEntry

    api_for(world.coordinator).post(
        URL,
        {"file": upload(CLEAN), "organisation": "tutelle-nord", "dry_run": "false"},
        format="multipart",
    )
    ann = Person.objects.get(email="ann@example.test")
    entry = LogEntry.objects.get(action=LogEntry.Action.CREATE, object_pk=str(ann.pk))
    assert entry.actor == world.coordinator.user and entry.additional_data["source"] == "api"


def test_it_reports_row_errors_in_a_dry_run(world, api_for):
    body = (
        api_for(world.coordinator)
        .post(URL, {"file": upload(DIRTY), "organisation": "tutelle-nord"}, format="multipart")
        .json()
    )
    assert body["valid"] is False
    assert body["rows"][0]["errors"] == {}
    assert set(body["rows"][1]["errors"]) == {"email", "team"}


def test_it_refuses_to_write_a_file_with_errors_and_writes_nothing(world, api_for):
    response = api_for(world.coordinator).post(
        URL,
        {"file": upload(DIRTY), "organisation": "tutelle-nord", "dry_run": "false"},
        format="multipart",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"rows.3.email", "rows.3.team"}
    assert "not a valid e-mail" in error["fields"]["rows.3.email"][0]
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_answers_an_unreadable_file_with_a_field_error(world, api_for):
    response = api_for(world.coordinator).post(
        URL,
        {"file": upload(b"PK\x03\x04nope", "people.xlsx"), "organisation": "tutelle-nord"},
        format="multipart",
    )
    assert response.status_code == 400
    assert "not a valid Excel workbook" in response.json()["error"]["fields"]["file"][0]


def test_it_refuses_a_professional(world, api_for):
    response = api_for(world.professional).post(
        URL, {"file": upload(CLEAN), "organisation": "tutelle-nord"}, format="multipart"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_it_refuses_a_coordinator_importing_into_another_organisation(world, api_for):
    for who, target in ((world.coordinator, "enfance-sud"), (world.coordinator_b, "tutelle-nord")):
        response = api_for(who).post(
            URL,
            {"file": upload(CLEAN), "organisation": target, "dry_run": "false"},
            format="multipart",
        )
        assert response.status_code == 403
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_answers_an_unknown_organisation_with_a_field_error(world, api_for):
    response = api_for(world.coordinator).post(
        URL, {"file": upload(CLEAN), "organisation": "nowhere"}, format="multipart"
    )
    assert response.status_code == 400 and "organisation" in response.json()["error"]["fields"]


def test_it_documents_import_and_export_in_the_openapi_schema(world, client_for):
    schema = client_for(world.coordinator).get("/api/schema/", {"format": "json"}).json()
    imported = schema["paths"]["/api/v1/people/import/"]["post"]
    assert "multipart/form-data" in imported["requestBody"]["content"]
    exported = schema["paths"]["/api/v1/people/export/"]["get"]
    assert {p["name"] for p in exported["parameters"]} >= {
        "format",
        "organisation",
        "q",
        "team",
        "profession",
    }
    assert "text/csv" in exported["responses"]["200"]["content"]
