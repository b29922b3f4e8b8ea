"""The demo gains three templates and eight journeys at different phases, and can be rebuilt."""

import pytest

from entrepairs.demo import generator
from entrepairs.onboarding.demo_steps import onboarding_demo
from entrepairs.onboarding.models import Journey, Template

pytestmark = pytest.mark.django_db


def _build() -> generator.DemoWorld:
    from django.contrib.auth.hashers import make_password

    world = generator.DemoWorld(logins=list(generator.SMALL_LOGINS))
    world.state["password_hash"] = make_password("x")
    for step in [*generator.SMALL_STEPS, onboarding_demo]:
        step(world)
    return world


def test_it_builds_three_templates_and_eight_journeys_at_every_phase(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = _build()
    assert Template.objects.count() == 3
    journeys = Journey.objects.all()
    assert journeys.count() == 8
    assert set(journeys.values_list("phase", flat=True)) == {
        "prepare",
        "welcome",
        "accompany",
        "close",
    }
    assert journeys.filter(status="closed").count() == 2
    assert journeys.filter(tutor=None).count() == 1
    educator = Template.objects.get(function__startswith="Éducateur")
    latest = educator.latest_published()
    assert latest is not None
    assert latest.number == 2
    assert not journeys.filter(version__number=2).exists()  # running journeys kept version 1
    assert any(login.role == "newcomer" for login in world.logins)
    generator.delete_organisations(world.organisations.values())
    assert not Journey.objects.exists()
