"""The tests' demo loader (replay.py) writes, when it replays, exactly the rows the generator's
own load wrote: every table, every column, as the database stores them."""

import pytest
from django.db import transaction

from . import replay


@pytest.mark.django_db
def test_a_replayed_demo_world_has_every_row_of_the_built_one() -> None:
    # Built here through the generator, whatever ran before; its recording then serves the
    # process's next tests.
    replay._RECORDINGS.clear()
    tables = list(replay._tables())
    worlds = []
    for _ in range(2):
        with transaction.atomic():
            world = replay.load_small()
            worlds.append((replay._rows(tables), [login.email for login in world.logins]))
            transaction.set_rollback(True)
    (built, built_logins), (replayed, replayed_logins) = worlds
    assert replay._RECORDINGS, "the first load was not recorded"
    assert sum(len(rows) for rows in built.values()) > 5_000
    assert replayed == built
    assert replayed_logins == built_logins
    # Back where it started: a third load replays again on the same rows.
    with transaction.atomic():
        replay.load_small()
        assert replay._rows(tables) == built
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_it_builds_through_the_generator_when_the_database_is_not_where_the_recording_began(
    monkeypatch,
) -> None:
    from entrepairs.demo import generator

    monkeypatch.setattr(replay, "_RECORDINGS", {})
    built = []
    monkeypatch.setattr(generator, "_app_steps", lambda attribute: [])
    monkeypatch.setattr(generator, "_late_app_steps", lambda: [])
    real = generator.load_small

    def counted(**kwargs):  # type: ignore[no-untyped-def]
        built.append(1)
        return real(**kwargs)

    monkeypatch.setattr(generator, "load_small", counted)
    with transaction.atomic():
        replay.load_small()
        transaction.set_rollback(True)
    with transaction.atomic():
        replay.load_small()  # replayed: the database is where the first load began
        transaction.set_rollback(True)
    assert len(built) == 1
    with transaction.atomic():
        generator.Organisation.objects.create(name="Autre", slug="autre")
        replay.load_small()  # one more organisation than the recording began with: built again
        assert generator.Organisation.objects.filter(slug="autre").exists()
        transaction.set_rollback(True)
    assert len(built) == 2
