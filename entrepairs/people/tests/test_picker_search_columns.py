"""The picker's search reads stored lowercase columns (Person.search_name, search_email) kept by
the database itself: it answers exactly what the case-insensitive match on each field answered,
in the same order, whatever wrote the person (a form, a bulk insert, a queryset update). The
staff pickers never offer a person served."""

import pytest
from django.db.models import Q

from entrepairs.organisations.models import Role, Team
from entrepairs.people import picker
from entrepairs.people.models import LIST_ORDER, Person

pytestmark = pytest.mark.django_db


def _reference(queryset, text):  # type: ignore[no-untyped-def]
    """The match as it was written before the stored columns: each field compared on its own."""
    for word in text.split()[:5]:
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__istartswith=word)
            | Q(team__name__icontains=word)
            | Q(profession__icontains=word)
            | Q(profession__in=picker.professions_named(word))  # the label shown, accents aside
        )
    return queryset


def _ids(queryset):  # type: ignore[no-untyped-def]
    return list(queryset.order_by(*LIST_ORDER).values_list("pk", flat=True))


def test_it_answers_exactly_the_field_by_field_match_in_the_same_order(world):
    org = world.org_a
    team = Team.objects.create(organisation=org, name="Noyau Marseille_2 100%", kind="core")
    rows = [
        ("Éloïse", "MARTIN", "Eloise.Martin@Exemple.FR", "educator", team),
        ("éloïse", "de la Fontaine", "e.fontaine@exemple.fr", "social_worker", None),
        ("Marc", "Martin", "marc@exemple.fr", "", team),
        ("Lou", "Marchal", "", "psychologist", None),
        ("Zoé", "Lemaréchal", "zoe.l@autre.fr", "other", None),
        ("Ana", "Martinez", "ANA@EXEMPLE.FR", "nurse", team),
    ]
    for first, last, email, profession, in_team in rows:
        Person.objects.create(
            organisation=org,
            first_name=first,
            last_name=last,
            email=email,
            profession=profession,
            team=in_team,
        )
    everyone = Person.objects.filter(organisation=org)
    searches = [
        "", "mar", "MAR", "Martin", "éLO", "ÉLO", "élo", "eloise.m", "exemple", "ana@",
        "marc martin", "fontaine DE", "marseille_2", "100%", "_", "%", "social_", "educ",
        "noyau mar", "zzz", "é", "lemar", "a b c d e f",
    ]  # fmt: skip
    for text in searches:
        assert _ids(picker.search(everyone, text)) == _ids(_reference(everyone, text)), text
    assert _ids(picker.search(everyone, "mar"))  # the comparison is about real answers


def test_people_written_in_bulk_or_by_an_update_are_found_by_their_current_names(world):
    Person.objects.bulk_create(
        Person(organisation=world.org_a, first_name=f"Agent{i}", last_name="Groupé")
        for i in range(3)
    )
    everyone = Person.objects.filter(organisation=world.org_a)
    assert picker.search(everyone, "groupé").count() == 3
    Person.objects.filter(last_name="Groupé").update(last_name="Renommé")
    Person.objects.filter(first_name="Agent0").update(email="AGENT0@X.FR")
    assert not picker.search(everyone, "groupé").exists()
    assert picker.search(everyone, "RENOMM").count() == 3
    assert picker.search(everyone, "renommé agent0@x").count() == 1


@pytest.mark.parametrize(
    "source",
    ["onboarding.people", "training.trainees", "people.line_managers"],
)
def test_a_staff_picker_never_offers_a_person_served(world, client, api_for, source):
    youth = Person.objects.get(memberships__role=Role.YOUTH, organisation=world.org_a)
    client.force_login(world.coordinator.user)
    page = client.get(f"/people/pick/{source}/", {"q": youth.last_name}).json()
    api = api_for(world.coordinator).get(f"/api/v1/people/pick/{source}/", {"q": youth.last_name})
    assert page["results"] == [] and api.json()["results"] == []
    # positive control: the coordinator finds a colleague through the same source and channels
    found = client.get(f"/people/pick/{source}/", {"q": world.colleague.last_name}).json()
    assert str(world.colleague.pk) in {r["id"] for r in found["results"]}
    found = api_for(world.coordinator).get(
        f"/api/v1/people/pick/{source}/", {"q": world.colleague.last_name}
    )
    assert str(world.colleague.pk) in {r["id"] for r in found.json()["results"]}
