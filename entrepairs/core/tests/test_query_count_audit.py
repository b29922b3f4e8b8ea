"""The readable audit trail (issue 15 point 7) runs the same number of SQL queries at 10 and 100
entries: the names its sentences use (actors, accounts, the records a foreign key points to) are
resolved in bulk for the page, never one query per row. Entries mix actors, kinds and foreign
keys; each answer is checked to hold them all."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from entrepairs.core.tests import querycounts as qc

QUERY_COUNTED = {"audit:list"}

pytestmark = pytest.mark.django_db


def _grow(world: Any, new: range) -> None:
    people = ContentType.objects.get(app_label="people", model="person")
    users = ContentType.objects.get(app_label="accounts", model="user")
    actors = [world.coordinator, world.manager, world.professional, world.colleague]
    teams = [world.region, world.core]
    org = {"organisation": str(world.org_a.pk)}
    rows = []
    for i in new:
        actor = actors[i % len(actors)]
        if i % 3 == 2:  # a sign-in, about an account
            rows.append(
                LogEntry(
                    content_type=users,
                    object_pk=str(actor.user.pk),
                    object_repr=actor.user.email,
                    action=LogEntry.Action.ACCESS,
                    actor=actor.user,
                    actor_email=actor.user.email,
                    additional_data={**org, "event": "sign_in", "source": "ui"},
                )
            )
            continue
        rows.append(
            LogEntry(
                content_type=people,
                object_pk=str(world.colleague.pk),
                object_repr=f"Fiche {i:05d}",
                action=LogEntry.Action.UPDATE,
                changes={
                    "team": [str(teams[i % 2].pk), str(teams[(i + 1) % 2].pk)],
                    "line_manager": ["None", str(world.manager.pk)],
                    "is_active": ["True", "False"],
                    "notes": ["[chiffré]", "[chiffré]"],
                },
                actor=actor.user,
                actor_email=actor.user.email,
                additional_data={**org, "source": "api"},
            )
        )
    LogEntry.objects.bulk_create(rows)


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_the_readable_trail_runs_the_same_queries_at_10_and_100_entries(
    world: Any, client_for: Any, settings: Any, who: str
) -> None:
    settings.LIST_CACHE_SECONDS = 0
    # The world's own entries (organisations, teams, memberships: other kinds of records, each
    # a name lookup) would fill the first page at 10 entries and leave it at 100; start with
    # the grown mix alone (a raw delete: the trail refuses deletions through the ORM's signals).
    LogEntry.objects.all()._raw_delete(LogEntry.objects.db)
    client = client_for(getattr(world, who))
    seen = LogEntry.objects.filter(additional_data__organisation=str(world.org_a.pk))

    def check(response: Any, n: int) -> None:
        rows = response.context["rows"]
        total = seen.count() if who == "coordinator" else LogEntry.objects.count()
        assert response.context["page"].paginator.count == total
        sentences = " ".join(row["description"].sentence for row in rows)
        assert "Noyau Lille 1" in response.content.decode() or n < 2
        assert "Connexion de" in sentences or "Sign-in of" in sentences

    filling, reading = qc.measure(
        lambda: client.get("/audit/?record=&actor="),
        qc.growing(lambda new: _grow(world, new)),
        check,
        sizes=(10, 100),
    )
    qc.assert_flat("audit trail, readable", filling, reading)
