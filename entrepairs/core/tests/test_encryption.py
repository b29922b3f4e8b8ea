import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from entrepairs.core import crypto
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def _raw_notes(person: Person) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT notes FROM people_person WHERE id = %s",
            [person.pk.hex if connection.vendor == "sqlite" else person.pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def keys(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old]
    crypto.reset_key_cache()
    yield settings, old, new
    crypto.reset_key_cache()


def test_it_stores_confidential_text_encrypted(world, keys):
    world.youth.notes = "Placement change planned in March"
    world.youth.save()
    raw = _raw_notes(world.youth)
    assert raw.startswith("enc1:") and "Placement" not in raw
    assert Person.objects.get(pk=world.youth.pk).notes == "Placement change planned in March"


def test_it_rotates_keys_by_re_encrypting(world, keys):
    settings, old, new = keys
    world.youth.notes = "Secret"
    world.youth.save()
    before = _raw_notes(world.youth)
    settings.ENCRYPTION_KEYS = [new, old]
    crypto.reset_key_cache()
    call_command("rotate_keys", stdout=io.StringIO())
    after = _raw_notes(world.youth)
    assert after != before
    settings.ENCRYPTION_KEYS = [new]  # the old key is gone: values must still read
    crypto.reset_key_cache()
    assert Person.objects.get(pk=world.youth.pk).notes == "Secret"


def test_it_refuses_to_read_with_an_unknown_key(world, keys):
    settings, old, new = keys
    world.youth.notes = "Secret"
    world.youth.save()
    settings.ENCRYPTION_KEYS = [new]
    crypto.reset_key_cache()
    with pytest.raises(ValueError, match="ENCRYPTION_KEYS"):
        Person.objects.get(pk=world.youth.pk)


def test_it_keeps_confidential_text_out_of_the_audit_trail(world, keys):
    from auditlog.models import LogEntry

    world.youth.notes = "Very private"
    world.youth.save()
    entry = LogEntry.objects.filter(
        object_pk=str(world.youth.pk), action=LogEntry.Action.UPDATE
    ).latest("timestamp")
    assert "Very private" not in str(entry.changes)
    assert "notes" in entry.changes_dict
