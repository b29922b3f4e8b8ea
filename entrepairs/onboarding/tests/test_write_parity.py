"""Onboarding writes give the same answer on the page and in the API, from one table of cases
(entrepairs/core/tests/parity.py). A second tutor profile for a person once answered 500 in the API
(an IntegrityError); the service now refuses it with a message, on both channels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.tests.parity import OK, Refused, Write, assert_same, run_both

API = "/api/v1/onboarding"


def _page(ctx: Any, actor: Any) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


def _tutor_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:setup"),
        {
            "tutor-submit": "1",
            "tutor-person": args["person"](ctx).pk,
            "tutor-trained": "on",
            "tutor-allocated_hours": 3,
        },
    )


def _tutor_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/tutors/",
        {"person": str(args["person"](ctx).pk), "trained": True, "allocated_hours": 3},
        format="json",
    )


def _contact_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:setup"),
        {
            "contact-submit": "1",
            "contact-role": args["role"],
            "contact-person": args["person"](ctx).pk,
        },
    )


def _contact_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/contacts/",
        {
            "organisation": str(ctx.w.org_a.pk),
            "role": args["role"],
            "person": str(args["person"](ctx).pk),
        },
        format="json",
    )


TUTOR = Write(_tutor_page, _tutor_api, "entrepairs.onboarding.services.tutor_profile_save")
CONTACT = Write(_contact_page, _contact_api, "entrepairs.onboarding.services.org_contact_save")


@dataclass(frozen=True)
class Case:
    name: str
    write: Write
    args: dict[str, Any]
    expected: Any


def person(name: str) -> Any:
    return lambda ctx: getattr(ctx.w, name)


CASES = [
    Case(
        "a second tutor profile for the same person",
        TUTOR,
        {"person": person("professional")},
        Refused("This person already has a tutor profile."),
    ),
    Case("a tutor profile for a new tutor", TUTOR, {"person": person("colleague")}, OK),
    Case(
        "naming the same person twice to a contact role",
        CONTACT,
        {"role": "it", "person": person("colleague")},
        Refused("This person already holds this role."),
    ),
    Case(
        "naming a person to a contact role",
        CONTACT,
        {"role": "hr", "person": person("manager")},
        OK,
    ),
]


@pytest.fixture
def ctx(world, onb, client, api_for):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    return SimpleNamespace(w=world, onb=onb, client=client, api_for=api_for)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, ctx.w.coordinator, case.args)
    assert_same(case.expected, page, api, case.write)


def test_it_answers_400_not_500_for_a_duplicate_tutor_through_the_api(ctx) -> None:
    response = ctx.api_for(ctx.w.coordinator).post(
        f"{API}/tutors/", {"person": str(ctx.w.professional.pk)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["person"] == [
        "This person already has a tutor profile."
    ]


def test_it_refuses_a_tutor_profile_from_a_coordinator_of_another_organisation(ctx) -> None:
    from django.core.exceptions import ValidationError

    from entrepairs.onboarding import services

    with pytest.raises(ValidationError, match="You cannot manage tutors of this organisation."):
        services.tutor_profile_save(
            person=ctx.w.colleague,
            trained=True,
            trained_on=None,
            allocated_hours=2,
            by=ctx.w.coordinator_b,
        )
    control = services.tutor_profile_save(
        person=ctx.w.colleague,
        trained=True,
        trained_on=None,
        allocated_hours=2,
        by=ctx.w.coordinator,
    )
    assert control.allocated_hours == 2
