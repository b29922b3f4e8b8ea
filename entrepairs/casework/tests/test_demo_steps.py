"""The demo gains a regional team of 15 in two core teams with 120 cases, mostly allocated."""

import pytest

from entrepairs.casework.demo_steps import casework_demo
from entrepairs.casework.models import AllocationProposal, Case, Leave, MemberProfile
from entrepairs.demo import generator
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def test_it_builds_two_core_teams_of_the_lille_region_with_120_cases(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = generator.DemoWorld(logins=list(generator.SMALL_LOGINS))
    world.state["password_hash"] = make_password("x")
    for step in [*generator.SMALL_STEPS, casework_demo]:
        step(world)
    teams = [world.teams["lille_nord"], world.teams["lille_sud"]]
    assert Person.objects.filter(team__in=teams).count() == 15
    assert MemberProfile.objects.filter(person__team__in=teams).count() == 15
    assert Case.objects.count() == 120
    assert Case.objects.filter(guardian=None).count() == 16
    assert AllocationProposal.objects.filter(status="confirmed").count() == 2
    assert Leave.objects.count() == 4  # under way (approved) and next month (requested)
    for team in teams:
        held = Case.objects.filter(core_team=team).exclude(guardian=None)
        assert not held.exclude(guardian__team=team).exists()
    generator.delete_organisations(world.organisations.values())
    assert not Case.objects.exists() and not MemberProfile.objects.exists()
