"""`manage.py backup` then `manage.py restore_drill` (issue 17, point 4): a backup restored into a
new empty database has every row and every confidential value readable; a lost key, a missing
or altered table is caught. Runs once, on PostgreSQL (pg_dump, pg_restore), and on SQLite when
that is the only database."""

import json

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from entrepairs.core import backup, crypto

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.once]


@pytest.fixture
def key(settings):
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    crypto.reset_key_cache()
    yield settings
    crypto.reset_key_cache()


def test_a_backup_restores_whole_and_readable(world, key, tmp_path, capsys):
    world.youth.notes = "Suivi renforcé depuis mars"
    world.youth.save()
    call_command("backup", str(tmp_path / "b"))
    manifest = json.loads((tmp_path / "b" / backup.MANIFEST_NAME).read_text())
    assert manifest["people_person"]["rows"] >= 2
    call_command("restore_drill", str(tmp_path / "b"))
    out = capsys.readouterr().out
    assert "Restore drill passed" in out
    assert "confidential values decrypt" in out and " 0 confidential" not in out


def test_the_drill_fails_without_the_backups_key(world, key, tmp_path):
    world.youth.notes = "Suivi renforcé depuis mars"
    world.youth.save()
    call_command("backup", str(tmp_path / "b"))
    key.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # the old key was lost
    crypto.reset_key_cache()
    with pytest.raises(CommandError, match="Restore drill failed"):
        call_command("restore_drill", str(tmp_path / "b"))


def test_the_drill_catches_a_backup_that_differs_from_its_manifest(world, key, tmp_path):
    call_command("backup", str(tmp_path / "b"))
    path = tmp_path / "b" / backup.MANIFEST_NAME
    manifest = json.loads(path.read_text())
    manifest["people_person"]["rows"] += 1
    path.write_text(json.dumps(manifest))
    report = backup.restore_drill(tmp_path / "b")
    assert not report.ok
    assert any("people_person" in problem for problem in report.problems)


def test_compare_names_each_difference():
    expected = {"a": {"rows": 2, "checksum": "x"}, "b": {"rows": 1, "checksum": "y"}}
    found = {"a": {"rows": 2, "checksum": "z"}, "c": {"rows": 0, "checksum": ""}}
    assert backup.compare(expected, found) == [
        "table a: same row count, different content",
        "table b is missing from the restored database",
        "table c is in the restored database but not in the backup",
    ]
    assert backup.compare(expected, expected) == []
