"""The casework fixture world, on top of the shared one.

Org A, core team "Noyau Lille 1" (inside "Équipe Lille"): Paula (professional, guardian) and
Colin (colleague) from the shared world, plus Gina (guardian, 0.5 FTE) and Sam (social worker,
no case); a second core team "Noyau Lille 2" with Olga. Org B's core team has Berthe.
Three children without account in org A: Lina, Malo, Noé.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Role, Team


def years_ago(years: int, days: int = 30) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def cw(world):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership
    from entrepairs.people.models import Person

    def person(org, first, last, *, role=Role.PROFESSIONAL, account=True, **fields):  # type: ignore[no-untyped-def]
        email = f"{first}.{last}@{org.slug}.test".lower()
        user = (
            User.objects.create_user(email, "pw-casework-1", display_name=first)
            if account
            else None
        )
        p = Person.objects.create(
            organisation=org, first_name=first, last_name=last, email=email, user=user, **fields
        )
        if role and account:
            Membership.objects.create(person=p, organisation=org, role=role)
        return p

    w = world
    gina = person(w.org_a, "Gina", "Gardienne", profession="tutor", team=w.core)
    sam = person(w.org_a, "Sam", "Social", profession="social_worker", team=w.core)
    core2 = Team.objects.create(
        organisation=w.org_a, name="Noyau Lille 2", kind=Team.Kind.CORE, parent=w.region
    )
    olga = person(w.org_a, "Olga", "Autre", profession="tutor", team=core2)
    for who, fte, cap in (
        (w.professional, "1.00", 12),
        (w.colleague, "1.00", 12),
        (gina, "0.50", 6),
        (sam, "1.00", 0),
        (olga, "1.00", 12),
    ):
        services.member_profile_save(person=who, fte=Decimal(fte), max_caseload=cap, by=SYSTEM)
    services.member_profile_save(person=w.worker_b, fte=Decimal("1.00"), max_caseload=12, by=SYSTEM)
    children = [
        person(w.org_a, first, "Enfant", role=None, account=False)
        for first in ("Lina", "Malo", "Noé", "Rose", "Tom", "Zoé")
    ]
    child_b = person(w.org_b, "Basile", "EnfantB", role=None, account=False)
    return SimpleNamespace(
        w=w, gina=gina, sam=sam, core2=core2, olga=olga, children=children, child_b=child_b
    )


@pytest.fixture
def open_case(cw):  # type: ignore[no-untyped-def]
    def make(
        child=None,
        *,
        team=None,
        vulnerability="low",
        procedures=(),
        placement="foster_family",
        age=14,
    ):  # type: ignore[no-untyped-def]
        return services.case_open(
            team=team or cw.w.core,
            child=child or cw.children[0],
            birth_date=years_ago(age),
            vulnerability=vulnerability,
            procedures=list(procedures),
            placement_kind=placement,
            summary="Arrivé seul, scolarisé en 4e.",
            by=SYSTEM,
        )

    return make


@pytest.fixture(autouse=True)
def _english(english_messages):  # type: ignore[no-untyped-def]
    """Messages are asserted in the source language (the French catalogue is tested apart)."""
