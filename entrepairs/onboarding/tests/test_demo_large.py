"""The onboarding demo's large organisation (load_demo --large-organisation, bin/demo): 5,000
staff with French names, an onboarding coordinator who finds them with the person picker (the
field offers no list of 5,000), and a --reset that removes them in plain DELETEs unless someone
was linked to one of them since, when the full cascade runs."""

import pytest
from django.db import transaction

from entrepairs.demo.generator import DemoWorld, delete_bulk_organisations
from entrepairs.onboarding.demo_large import LOGIN_LOCAL, SLUG, STAFF, large_organisation
from entrepairs.onboarding.models import TutorProfile
from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def _build() -> Organisation:
    world = DemoWorld()
    world.state["large_organisation"] = True
    large_organisation(world)
    return Organisation.objects.get(slug=SLUG)


def test_it_is_built_only_when_asked():
    large_organisation(DemoWorld())
    assert not Organisation.objects.filter(slug=SLUG).exists()


def test_its_coordinator_finds_the_5000_staff_with_the_picker(client):
    org = _build()
    assert Person.objects.filter(organisation=org).count() == STAFF
    coordinator = Person.objects.get(email__startswith=LOGIN_LOCAL)
    client.force_login(coordinator.user)
    answer = client.get("/people/pick/onboarding.people/", {"q": "insertion amiens"}).json()
    assert answer["more"] is True and len(answer["results"]) == 20
    assert all("Insertion — Amiens" in r["label"] for r in answer["results"])
    page = client.get("/onboarding/journeys/new/").content.decode()
    assert page.count("<option") < 50  # the person fields list no one until searched
    assert "Éducateur·rice spécialisé·e" in page  # a published template to start a journey with


def test_a_reset_removes_it_fast_or_through_the_cascade_when_someone_was_linked():
    org = _build()
    with transaction.atomic():
        delete_bulk_organisations([org])
    assert not Person.objects.filter(email__endswith=f"@{SLUG}.example.org").exists()
    org = _build()
    tutor = Person.objects.filter(organisation=org).order_by("external_id").last()
    assert tutor is not None
    TutorProfile.objects.create(person=tutor, trained=True)  # named a tutor since
    delete_bulk_organisations([org])
    assert not Organisation.objects.filter(slug=SLUG).exists()
    assert not TutorProfile.objects.filter(person_id=tutor.pk).exists()
