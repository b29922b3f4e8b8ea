"""A child's one placement history (people.placements): the rules of a move, whichever module
records it, and the data migrations that brought casework's placements and mentoring's free text
into it without losing a row."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.people import placements
from entrepairs.people.models import Person, Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(world):  # type: ignore[no-untyped-def]
    return Person.objects.create(organisation=world.org_b, first_name="Lou", last_name="Enfant")


def _contact(child, last: str) -> Person:  # type: ignore[no-untyped-def]
    return placements.family_contact_add(
        child=child, first_name="Fa", last_name=last, phone="0611111111", by=SYSTEM
    )


def _move(child, kind: str, since: date, family=(), by=SYSTEM):  # type: ignore[no-untyped-def]
    return placements.placement_change(
        child=child, kind=kind, since=since, family=family, organisation=child.organisation, by=by
    )


def test_it_closes_the_previous_placement_the_day_before_the_move(world, child) -> None:
    first_family = _contact(child, "Premiere")
    first = _move(child, "foster_family", date(2026, 1, 10), [first_family])
    second_family = _contact(child, "Seconde")
    second = _move(child, "foster_family", date(2026, 6, 1), [second_family], by=world.worker_b)
    first.refresh_from_db()
    assert first.until == date(2026, 5, 31)
    assert second.until is None and second.recorded_by == world.worker_b
    assert placements.current_family(child) == [second_family]
    assert [p.pk for p in placements.history_of(child)] == [second.pk, first.pk]


def test_it_refuses_a_move_before_the_current_placement_and_keeps_the_history(child) -> None:
    _move(child, "childrens_home", date(2026, 3, 1))
    with pytest.raises(ValidationError) as exc:
        _move(child, "foster_family", date(2026, 3, 1))
    assert "since" in exc.value.message_dict
    assert Placement.objects.filter(child=child).count() == 1
    assert Placement.current_for(child).until is None  # type: ignore[union-attr]


def test_it_refuses_a_move_more_than_90_days_ahead(child) -> None:
    with pytest.raises(ValidationError) as exc:
        _move(child, "foster_family", timezone.localdate() + timedelta(days=91))
    assert "since" in exc.value.message_dict


def test_it_records_family_contacts_only_for_a_family(child) -> None:
    contact = _contact(child, "Famille")
    with pytest.raises(ValidationError) as exc:
        _move(child, "childrens_home", date(2026, 2, 1), [contact])
    assert "family" in exc.value.message_dict
    assert not Placement.objects.filter(child=child).exists()


def test_it_refuses_a_family_contact_of_another_organisation(world, child) -> None:
    stranger = Person.objects.create(organisation=world.org_a, first_name="X", last_name="Autre")
    with pytest.raises(ValidationError) as exc:
        _move(child, "foster_family", date(2026, 2, 1), [stranger])
    assert "family" in exc.value.message_dict


def test_a_family_contact_needs_no_account_and_holds_the_guardian_role(world, child) -> None:
    from entrepairs.organisations.models import Membership, Role

    contact = _contact(child, "SansCompte")
    assert contact.user_id is None and contact.organisation_id == world.org_b.pk
    assert Membership.objects.filter(person=contact, role=Role.GUARDIAN).exists()


BEFORE = [
    ("casework", "0006_leave"),
    ("mentoring", "0006_group_notes"),
    ("people", "0002_import_run"),
]


@pytest.mark.django_db(transaction=True)
def test_the_migrations_keep_every_casework_placement_and_the_youths_text() -> None:
    from entrepairs.organisations.models import Organisation

    org = Organisation.objects.create(name="Agence Migration", slug="agence-migration")
    child = Person.objects.create(organisation=org, first_name="Cas", last_name="Enfant")
    mentee = Person.objects.create(organisation=org, first_name="Men", last_name="Tore")
    both = Person.objects.create(organisation=org, first_name="Deux", last_name="Modules")
    guardian = Person.objects.create(organisation=org, first_name="Gil", last_name="Accueil")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldPlacement = old.get_model("casework", "Placement")
    closed = OldPlacement.objects.create(
        organisation_id=org.pk,
        child_id=child.pk,
        kind="childrens_home",
        since=date(2025, 1, 1),
        until=date(2025, 12, 31),
        note="Foyer secret",
    )
    current = OldPlacement.objects.create(
        organisation_id=org.pk, child_id=child.pk, kind="foster_family", since=date(2026, 1, 1)
    )
    OldPlacement.objects.create(
        organisation_id=org.pk, child_id=both.pk, kind="small_unit", since=date(2026, 2, 1)
    )
    programme = old.get_model("mentoring", "Programme").objects.create(
        organisation_id=org.pk, name="Programme"
    )
    OldYouth = old.get_model("mentoring", "Youth")
    for person, text in ((mentee, "Famille d'accueil Accueil, Lille"), (both, "Lieu de vie")):
        OldYouth.objects.create(
            programme_id=programme.pk,
            person_id=person.pk,
            agency_id=org.pk,
            organisation_id=org.pk,
            guardian_id=guardian.pk,
            birth_date=date(2012, 1, 1),
            placement=text,
            enrolled_on=date(2026, 3, 1),
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = {p.pk: p for p in Placement.objects.filter(child=child)}
    assert set(moved) == {closed.pk, current.pk}  # the same ids
    assert moved[closed.pk].note == "Foyer secret" and moved[closed.pk].until == date(2025, 12, 31)
    assert moved[current.pk].until is None
    from_text = Placement.objects.get(child=mentee)
    assert from_text.kind == "foster_family" and from_text.since == date(2026, 3, 1)
    assert from_text.note == "Famille d'accueil Accueil, Lille"
    assert list(from_text.family.all()) == [guardian]
    kept = Placement.objects.get(child=both)  # casework's record stays; the text is kept in it
    assert kept.kind == "small_unit" and "Lieu de vie" in kept.note
