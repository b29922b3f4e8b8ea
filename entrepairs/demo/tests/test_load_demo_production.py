"""The demo creates an administrator whose password is public: never in production by accident."""

import pytest
from django.core.management import CommandError, call_command

from entrepairs.accounts.models import User


@pytest.mark.django_db
def test_load_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="--force-in-production"):
        call_command("load_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_staging_copy_may_force_it(settings, monkeypatch):
    from entrepairs.demo import generator

    loaded = []

    def load_small(**kwargs):
        loaded.append(kwargs)
        return generator.DemoWorld()

    monkeypatch.setattr(generator, "load_small", load_small)
    settings.PRODUCTION = True
    call_command("load_demo", force_in_production=True)
    assert len(loaded) == 1
