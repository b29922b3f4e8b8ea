"""Every list of safety checks and key decisions runs the same number of SQL queries at 10, 100
and 1,000 rows, list cache off and on (core/tests/querycounts.py).

Each grown row i is, at once: a child's case of "Noyau Lille 1", a safety check of that case,
a key decision about it submitted to the expert Pauline, a risk factor and a decision type of
organisation A. Each answer is checked to hold today's rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.casework.models import (
    AdviceRequest,
    Case,
    Decision,
    DecisionType,
    RiskFactor,
    SafetyCheck,
)
from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "casework:decision_settings",
    "casework:expert_inbox",
    "casework-risk-factor-list",
    "casework-decision-type-list",
    "casework-safety-check-list",
    "casework-decision-list",
    "casework-advice-list",
}


def _expert(world: Any) -> Person:
    from entrepairs.accounts.models import User

    user = User.objects.create_user("pauline.psy@tutelle-nord.test", "pw-casework-1")
    person = Person.objects.create(
        organisation=world.org_a,
        first_name="Pauline",
        last_name="Psy",
        email=user.email,
        user=user,
        profession="psychologist",
    )
    Membership.objects.create(person=person, organisation=world.org_a, role=Role.EXPERT)
    return person


def _grow(world: Any, expert: Person, new: range) -> None:
    org, today = world.org_a, timezone.localdate()
    kind = DecisionType.objects.create(
        organisation=org, name=f"Type {new.start:05d}", required_advice=["psychologist"]
    )
    DecisionType.objects.bulk_create(
        DecisionType(organisation=org, name=f"Type grandi {i:05d}") for i in new
    )
    RiskFactor.objects.bulk_create(
        RiskFactor(organisation=org, kind="risk", label=f"Facteur {i:05d}", weight=1 + i % 5)
        for i in new
    )
    children = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"Enfant{i:05d}", last_name="Suivi") for i in new
    )
    cases = Case.objects.bulk_create(
        Case(
            organisation=org,
            core_team=world.core,
            child=child,
            guardian=world.professional,
            status=Case.Status.OPEN,
            birth_date=today.replace(year=today.year - 14),
        )
        for child in children
    )
    SafetyCheck.objects.bulk_create(
        SafetyCheck(
            organisation=org,
            case=case,
            due_on=today - datetime.timedelta(days=i % 7),
            done_on=today if i % 2 else None,
            risk="high" if i % 2 else "",
        )
        for i, case in zip(new, cases, strict=True)
    )
    decisions = Decision.objects.bulk_create(
        Decision(organisation=org, case=case, decision_type=kind, title=f"Décision {i}")
        for i, case in zip(new, cases, strict=True)
    )
    AdviceRequest.objects.bulk_create(
        AdviceRequest(organisation=org, decision=d, expert=expert, role="psychologist")
        for d in decisions
    )


def _count(model: type[Any], **filters: Any) -> Callable[[Any], int]:
    return lambda world: model._default_manager.filter(**filters).count()


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    who: str  # "coordinator", "professional" or "expert"
    expected: Callable[[Any], int]
    shown: Callable[[Any], int] = lambda response: response.json()["count"]


LISTINGS = [
    Listing(
        "settings page",
        "/casework/settings/decisions/",
        "coordinator",
        _count(RiskFactor, organisation__slug="tutelle-nord"),
        lambda r: len(r.context["factors"]),
    ),
    Listing(
        "expert inbox",
        "/casework/expert/",
        "expert",
        lambda w: min(_count(AdviceRequest)(w), 500),
        lambda r: len(r.context["rows"]),
    ),
    Listing(
        "risk factors API",
        "/api/v1/casework/risk-factors/",
        "coordinator",
        _count(RiskFactor),
    ),
    Listing(
        "decision types API",
        "/api/v1/casework/decision-types/",
        "coordinator",
        _count(DecisionType),
    ),
    Listing("safety checks API", "/api/v1/casework/safety-checks/", "professional", _count(SafetyCheck)),
    Listing("decisions API", "/api/v1/casework/decisions/", "professional", _count(Decision)),
    Listing("advice API", "/api/v1/casework/advice/", "professional", _count(AdviceRequest)),
    Listing("advice API, the expert", "/api/v1/casework/advice/", "expert", _count(AdviceRequest)),
]  # fmt: skip


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [pytest.param(x, id=x.name) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any, client_for: Any, api_for: Any, settings: Any, listing: Listing, cache_seconds: int
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    expert = _expert(world)
    who = expert if listing.who == "expert" else getattr(world, listing.who)
    client = api_for(who) if listing.url.startswith("/api/") else client_for(who)

    def check(response: Any, n: int) -> None:
        expected = listing.expected(world)
        assert expected >= min(n, 500), (listing.name, n, expected)
        assert listing.shown(response) == expected, (listing.name, n)

    filling, reading = qc.measure(
        lambda: client.get(listing.url), qc.growing(lambda new: _grow(world, expert, new)), check
    )
    qc.assert_flat(listing.name, filling, reading)


def test_the_team_page_with_its_safety_agenda_stays_flat(world: Any, client_for: Any) -> None:
    """The team page's "to discuss at the next meeting" block reads its items in 3 queries."""
    expert = _expert(world)
    client = client_for(world.professional)

    def check(response: Any, n: int) -> None:
        overdue = SafetyCheck.objects.filter(
            done_on__isnull=True, due_on__lt=timezone.localdate()
        ).count()
        assert response.content.decode().count("Safety check overdue since") == overdue

    filling, reading = qc.measure(
        lambda: client.get(f"/casework/teams/{world.core.pk}/"),
        qc.growing(lambda new: _grow(world, expert, new)),
        check,
        sizes=(10, 100),
    )
    qc.assert_flat("team page with its safety agenda", filling, reading)
