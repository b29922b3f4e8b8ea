"""Mentoring's training records give the same answer on the page and in the API, from one table of
cases (entrepairs/core/tests/parity.py). The tenancy checks (which organisation's module, recorded by
whom) once lived in the API bodies and in the page's choices; training.services.completion_record
decides now (mentoring.services.training_record is the mentor pages' channel to it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.tests.parity import OK, UNKNOWN, Write, assert_same, page_as, run_both

API = "/api/v1/mentoring"
SERVICE = "entrepairs.training.services.completion_record"


def _staff_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        reverse("training:compliance"),
        {
            "action": "completion",
            "c-person": args["person"](ctx).pk,
            "c-module": args["module"](ctx).pk,
            "c-completed_on": "2026-01-05",
        },
    )


def _staff_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/staff-training/",
        {
            "person": str(args["person"](ctx).pk),
            "module": str(args["module"](ctx).pk),
            "completed_on": "2026-01-05",
        },
        format="json",
    )


def _mentor_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        reverse("mentoring:mentor", args=[ctx.m.mentor.pk]),
        {"action": "training", "t-module": args["module"](ctx).pk, "t-completed_on": "2026-01-05"},
    )


def _mentor_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/mentors/{ctx.m.mentor.pk}/training/",
        {"module": str(args["module"](ctx).pk), "completed_on": "2026-01-05"},
        format="json",
    )


STAFF = Write(_staff_page, _staff_api, SERVICE)
MENTOR = Write(_mentor_page, _mentor_api, SERVICE, api_ok=200)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    write: Write
    args: dict[str, Any]
    expected: Any


def w(name: str) -> Any:
    return lambda ctx: getattr(ctx.w, name)


def staff_module(ctx: Any) -> Any:
    return ctx.staff_module


def module_b(ctx: Any) -> Any:
    return ctx.module_b


CASES = [
    Case(
        "a staff completion of another organisation's module",
        "coordinator",
        STAFF,
        {"person": w("professional"), "module": module_b},
        UNKNOWN,  # an unseen module or person answers like a missing id (F9)
    ),
    Case(
        "a staff completion for a person of another organisation",
        "coordinator",
        STAFF,
        {"person": w("worker_b"), "module": staff_module},
        UNKNOWN,  # an unseen module or person answers like a missing id (F9)
    ),
    Case(
        "a staff completion recorded by a coordinator of another organisation",
        "coordinator_b",
        STAFF,
        {"person": w("professional"), "module": staff_module},
        UNKNOWN,  # an unseen module or person answers like a missing id (F9)
    ),
    Case(
        "a staff completion of the organisation's module",
        "coordinator",
        STAFF,
        {"person": w("professional"), "module": staff_module},
        OK,
    ),
    Case(
        "a mentor's completion of another organisation's module",
        "coordinator",
        MENTOR,
        {"module": module_b},
        UNKNOWN,  # an unseen module or person answers like a missing id (F9)
    ),
    Case(
        "a mentor's completion of the programme's module",
        "coordinator",
        MENTOR,
        {"module": lambda ctx: ctx.m.module},
        OK,
    ),
]


@pytest.fixture
def ctx(mworld, client, api_for):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from entrepairs.training.models import TrainingModule

    world = mworld.world
    staff_module = TrainingModule.objects.create(
        organisation=world.org_a,
        name="Child-protection system",
        audience=TrainingModule.Audience.STAFF,
    )
    module_b = TrainingModule.objects.create(organisation=world.org_b, name="Module of B")
    return SimpleNamespace(
        m=mworld,
        w=world,
        client=client,
        api_for=api_for,
        staff_module=staff_module,
        module_b=module_b,
        coordinator=world.coordinator,
        coordinator_b=world.coordinator_b,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, getattr(ctx, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)


def test_it_refuses_a_programme_saved_by_someone_who_does_not_run_it(ctx) -> None:
    from django.core.exceptions import ValidationError

    from entrepairs.mentoring import services

    ctx.m.programme.name = "Renamed"
    with pytest.raises(ValidationError, match="You do not run programmes of this organisation."):
        services.programme_save(programme=ctx.m.programme, by=ctx.w.coordinator_b)
    saved = services.programme_save(programme=ctx.m.programme, by=ctx.w.coordinator)
    assert saved.name == "Renamed"


def test_it_refuses_an_agreement_signed_by_someone_who_does_not_run_mentoring(ctx) -> None:
    from django.core.exceptions import ValidationError

    from entrepairs.mentoring import services

    # Either party's coordinator may change it now (a widening waits for the other); a case worker
    # is no coordinator of either party.
    with pytest.raises(ValidationError, match="You are not a coordinator of a party to this"):
        services.agreement_save(agreement=ctx.m.agreement, by=ctx.w.worker_b)
    assert services.agreement_save(agreement=ctx.m.agreement, by=ctx.w.coordinator).pk


def test_it_never_records_a_completion_in_the_future(ctx) -> None:
    from django.core.exceptions import ValidationError

    from entrepairs.mentoring import services

    with pytest.raises(ValidationError, match="A completion cannot be in the future."):
        services.training_record(
            person=ctx.w.professional,
            module=ctx.staff_module,
            completed_on=date(2999, 1, 1),
            by=ctx.w.coordinator,
        )
