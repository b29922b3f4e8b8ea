"""The demo gains leave with its cover and contacts; its core teams have 6 to 8 members (the
onboarding demo's newcomers no longer join Noyau Lille Nord, which had 16)."""

import pytest

from entrepairs.casework import selectors
from entrepairs.casework.demo_steps import casework_demo
from entrepairs.casework.models import CaseContact, Leave, LeaveCover
from entrepairs.demo import generator
from entrepairs.onboarding.demo_steps import onboarding_demo
from entrepairs.organisations.models import Team
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_has_core_teams_of_six_to_eight_leave_with_cover_and_contacts(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = generator.DemoWorld(logins=list(generator.SMALL_LOGINS))
    world.state["password_hash"] = make_password("x")
    for step in [*generator.SMALL_STEPS, onboarding_demo, casework_demo]:
        step(world)
    for core in Team.objects.filter(organisation__slug="atn", kind=Team.Kind.CORE):
        assert 6 <= Person.objects.filter(team=core).count() <= 8, core
    lille = [world.teams["lille_nord"], world.teams["lille_sud"]]
    assert Person.objects.filter(team__in=lille).count() == 15
    # The demo's logins keep their core team.
    assert world.people["professional"].team == world.teams["lille_nord"]
    assert world.people["manager"].team == world.teams["lille_nord"]
    approved = Leave.objects.filter(status=Leave.Status.APPROVED)
    assert approved.count() == 2
    for leave in approved:
        assert LeaveCover.objects.filter(leave=leave).exists()
        assert not LeaveCover.objects.filter(leave=leave, replacement=None).exists()
    assert Leave.objects.filter(status=Leave.Status.REQUESTED).count() == 2
    assert CaseContact.objects.count() > 90
    alerts = selectors.continuity_alerts(world.teams["lille_nord"])
    assert alerts.without_contact and alerts.without_guardian
    generator.delete_organisations(world.organisations.values())
