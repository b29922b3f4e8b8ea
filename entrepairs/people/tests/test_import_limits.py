"""The upload limits hold in every channel of the people import: page, API, command and worker.

A file past a limit is refused with a message naming it and nothing is written; the same clean
file goes through the same channel (the positive control). The hostile workbooks are generated in
memory by entrepairs/core/tests/spreadsheets.py; memory is measured with tracemalloc, never time.
"""

import tracemalloc
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import ManagementUtility
from django.db import connections
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from entrepairs.core import uploads
from entrepairs.core.tests import spreadsheets as S
from entrepairs.people import imports
from entrepairs.people.models import ImportRun, Person
from entrepairs.people.tasks import import_start

pytestmark = pytest.mark.django_db

API = "/api/v1/people/import/"
WIDE_ROW = "The file is packed far more tightly than a spreadsheet can be"
CLEAN = b"first_name,last_name,email\nAnn,Lee,ann@example.test\n"


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """223 KB in the tester's report; here one row of 2 million cells in well under 200 KB."""
    return S.workbook(S.sheet_xml(S.wide_row(2_000_000, values=True)))


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_it_refuses_a_wide_row_bomb_on_the_page_and_writes_nothing(world, client_for, bomb):
    client = client_for(world.coordinator)
    people = Person.objects.count()
    page = client.post(
        reverse("people:import"), {"organisation": world.org_a.pk, "file": upload(bomb, "p.xlsx")}
    )
    assert page.status_code == 200
    assert WIDE_ROW in page.context["form"].errors["file"][0]
    assert page.context["preview"] is None and "token" not in page.context
    assert Person.objects.count() == people
    clean = client.post(
        reverse("people:import"), {"organisation": world.org_a.pk, "file": upload(CLEAN, "p.csv")}
    )
    assert clean.status_code == 200 and clean.context["token"]


def test_it_answers_400_with_the_limit_in_the_api_and_writes_nothing(world, api_for, bomb):
    api = api_for(world.coordinator)
    people = Person.objects.count()
    answer = api.post(
        API,
        {"file": upload(bomb, "p.xlsx"), "organisation": "tutelle-nord", "dry_run": "false"},
        format="multipart",
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert (error["code"], error["message"]) == ("invalid", "Invalid input.")
    assert list(error["fields"]) == ["file"] and WIDE_ROW in error["fields"]["file"][0]
    assert Person.objects.count() == people
    clean = api.post(
        API, {"file": upload(CLEAN, "p.csv"), "organisation": "tutelle-nord"}, format="multipart"
    )
    assert clean.status_code == 200 and clean.json()["valid"] is True


def test_it_refuses_a_file_past_the_size_limit_in_the_api(world, api_for, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    api = api_for(world.coordinator)
    big = CLEAN + b"Bob,Ray,bob@example.test\n" * 100
    answer = api.post(
        API, {"file": upload(big, "p.csv"), "organisation": "tutelle-nord"}, format="multipart"
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"file": ["The file is larger than 1000\xa0bytes."]}


def run_manage(*argv: str) -> int:
    try:
        with mock.patch.object(connections, "close_all"):
            ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_it_exits_non_zero_with_the_limit_on_the_command_line(world, tmp_path, capsys, bomb):
    path = tmp_path / "people.xlsx"
    path.write_bytes(bomb)
    people = Person.objects.count()
    assert run_manage("import_people", str(path), "--organisation", "tutelle-nord", "--commit") == 1
    assert WIDE_ROW in capsys.readouterr().err
    assert Person.objects.count() == people
    clean = tmp_path / "people.csv"
    clean.write_bytes(CLEAN)
    assert run_manage("import_people", str(clean), "--organisation", "tutelle-nord") == 0


def test_the_command_reads_no_more_than_the_size_limit(world, tmp_path, capsys, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    path = tmp_path / "people.csv"
    path.write_bytes(CLEAN + b"Bob,Ray,bob@example.test\n" * 100)
    assert run_manage("import_people", str(path), "--organisation", "tutelle-nord") == 1
    assert "The file is larger than 1000\xa0bytes." in capsys.readouterr().err


def test_the_worker_checks_the_limits_again_and_writes_nothing(world, settings):
    data = S.csv_people(3)
    settings.UPLOAD_MAX_ROWS = 2  # lowered between the preview and the worker
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = import_start(
            organisation=world.org_a, by=world.coordinator.user, filename="p.csv", data=data, rows=3
        )
    run.refresh_from_db()
    assert (run.status, run.error) == (ImportRun.Status.FAILED, "The file has more than 2 rows.")
    assert run.data is None and not Person.objects.filter(last_name="Lee").exists()
    settings.UPLOAD_MAX_ROWS = 3
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = import_start(
            organisation=world.org_a, by=world.coordinator.user, filename="p.csv", data=data, rows=3
        )
    done.refresh_from_db()
    assert done.status == ImportRun.Status.DONE and done.created == 3


def test_a_file_at_the_row_limit_is_previewed_in_bounded_memory(world, settings):
    data = S.people_workbook(settings.UPLOAD_MAX_ROWS)
    list(uploads.read_rows(S.people_workbook(1), "warm-up.xlsx"))
    tracemalloc.start()
    try:
        preview = imports.preview_import(
            data=data, filename="p.xlsx", organisation=world.org_a, by=world.coordinator.user
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert preview.valid and preview.to_create == settings.UPLOAD_MAX_ROWS
    assert peak < 200 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_one_row_more_than_the_limit_is_refused(world, settings):
    data = S.people_workbook(settings.UPLOAD_MAX_ROWS + 1)
    with pytest.raises(imports.ImportFileError) as refused:
        imports.preview_import(
            data=data, filename="p.xlsx", organisation=world.org_a, by=world.coordinator.user
        )
    assert refused.value.message == "The file has more than 10,000 rows."
