"""manage.py import_people and export_people."""

from unittest import mock

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connections
from django.utils import translation

from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    # Messages are checked in their source language; the French wording belongs to the translators.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


CLEAN = "first_name;last_name;email\nAnn;Lee;ann@example.test\n".encode("cp1252")
DIRTY = b"first_name,last_name,email\nAnn,Lee,ann@example.test\nBob,Ray,bob@\n"


def run_manage(*argv: str) -> int:
    # Run as from the shell (real exit codes), but keep the test's database connection open:
    # run_from_argv closes every connection when the command ends.
    try:
        with mock.patch.object(connections, "close_all"):
            ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_it_previews_without_writing_and_exits_zero_on_a_clean_file(world, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(CLEAN)
    assert run_manage("import_people", str(path), "--organisation", "tutelle-nord") == 0
    out = capsys.readouterr().out
    assert "1 row: 1 to create, 0 to update, 0 with errors" in out and "--commit" in out
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_imports_with_commit(world, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(CLEAN)
    call_command("import_people", str(path), "--organisation", "tutelle-nord", "--commit")
    assert "1 created, 0 updated" in capsys.readouterr().out
    assert Person.objects.get(email="ann@example.test").organisation == world.org_a


def test_it_prints_row_errors_and_exits_non_zero(world, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(DIRTY)
    assert run_manage("import_people", str(path), "--organisation", "tutelle-nord", "--commit") == 1
    captured = capsys.readouterr()
    line = next(line for line in captured.out.splitlines() if line.strip().startswith("3 "))
    assert "email" in line and "not a valid e-mail" in line
    assert "nothing was imported" in captured.err
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_exits_non_zero_on_an_unreadable_file(world, tmp_path, capsys):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"not a workbook")
    assert run_manage("import_people", str(path), "--organisation", "tutelle-nord") == 1
    assert "not a valid Excel workbook" in capsys.readouterr().err


def test_it_checks_the_acting_users_permission(world, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(CLEAN)
    with pytest.raises(CommandError, match="may not import"):
        call_command(
            "import_people",
            str(path),
            "--organisation",
            "tutelle-nord",
            "--commit",
            "--as",
            world.professional.email,
        )
    with pytest.raises(CommandError, match="may not import"):
        call_command(
            "import_people",
            str(path),
            "--organisation",
            "enfance-sud",
            "--commit",
            "--as",
            world.coordinator.email,
        )
    assert not Person.objects.filter(email="ann@example.test").exists()


def test_it_audits_a_command_import_under_the_acting_user(world, tmp_path):
    from auditlog.models import LogEntry

    path = tmp_path / "people.csv"
    path.write_bytes(CLEAN)
    call_command(
        "import_people",
        str(path),
        "--organisation",
        "tutelle-nord",
        "--commit",
        "--as",
        world.coordinator.email,
    )
    ann = Person.objects.get(email="ann@example.test")
    entry = LogEntry.objects.get(action=LogEntry.Action.CREATE, object_pk=str(ann.pk))
    assert entry.actor == world.coordinator.user and entry.additional_data["source"] == "command"


def test_it_refuses_an_unknown_organisation(world, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(CLEAN)
    with pytest.raises(CommandError, match="No organisation"):
        call_command("import_people", str(path), "--organisation", "nowhere")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_exports_a_file_that_imports_back_without_changes(world, tmp_path, capsys, fmt):
    path = tmp_path / f"people.{fmt}"
    call_command(
        "export_people", "--organisation", "tutelle-nord", "--format", fmt, "-o", str(path)
    )
    assert path.stat().st_size > 0
    capsys.readouterr()
    assert run_manage("import_people", str(path), "--organisation", "tutelle-nord", "--commit") == 0
    assert "0 created, 6 updated (6 without changes)" in capsys.readouterr().out


def test_it_refuses_an_export_by_someone_who_may_not(world, tmp_path):
    with pytest.raises(CommandError, match="may not export"):
        call_command(
            "export_people",
            "--organisation",
            "enfance-sud",
            "-o",
            str(tmp_path / "x.csv"),
            "--as",
            world.coordinator.email,
        )
