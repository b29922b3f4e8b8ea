"""Journey writes give the same answer on the page and in the API, from one table of cases per
write (entrepairs/core/tests/parity.py): the same refusal with the same message, the same 403,
and both channels reach the same service, which holds the rule.

A page shows a refusal either by re-rendering its form (200 for the start, tutor and closing
review forms, 400 for the forms of the journey page) or, for a button, as a message after the
redirect; each write says which, so no case accepts two answers.

Every write has a case for another organisation's coordinator, who does not see the journey:
404 on both channels (HIDDEN). Where the API names the journey in the body (observations,
shadowing, feedback), its answer to an id it does not show is DRF's 400 "does not exist", the
same as for an id that does not exist at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    OK,
    Outcome,
    Refused,
    Write,
    run_both,
)

from .. import services
from ..models import ClosingReview, JourneyStatus

API = "/api/v1/onboarding"
TODAY = timezone.localdate


def _page(ctx: Any, actor: Any) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


def _pk(value: Any) -> str:
    return str(value.pk) if value is not None else ""


# -- the writes, on each channel ----------------------------------------------------------------


def _start_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:journey_start"),
        {
            "template": ctx.onb.template.pk,
            "newcomer": _pk(a["newcomer"](ctx)),
            "start_date": a["on"].isoformat(),
            "tutor": _pk(a["tutor"](ctx)),
            "confirm": "on",
        },
    )


def _start_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/journeys/",
        {
            "template": str(ctx.onb.template.pk),
            "newcomer": _pk(a["newcomer"](ctx)),
            "start_date": a["on"].isoformat(),
            "tutor": _pk(a["tutor"](ctx)),
            "confirm": True,
        },
        format="json",
    )


def _tutor_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:assign_tutor", args=[ctx.journey.pk]),
        {"tutor": _pk(a["tutor"](ctx)), "confirm": "on"},
    )


def _tutor_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/journeys/{ctx.journey.pk}/assign-tutor/",
        {"tutor": _pk(a["tutor"](ctx)), "confirm": True},
        format="json",
    )


def _lunch_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:first_lunch", args=[ctx.journey.pk]),
        {"first_lunch_on": a["on"](ctx).isoformat(), "first_lunch_place": "Canteen"},
    )


def _lunch_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/journeys/{ctx.journey.pk}/first-lunch/",
        {"first_lunch_on": a["on"](ctx).isoformat(), "first_lunch_place": "Canteen"},
        format="json",
    )


def _observation_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:observation_add", args=[ctx.journey.pk]),
        {
            "source": "tutor",
            "obs-competency": ctx.competency.pk,
            "obs-level": 2,
            "obs-observed_on": a["on"].isoformat(),
        },
    )


def _observation_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/observations/",
        {
            "journey": str(ctx.journey.pk),
            "competency": str(ctx.competency.pk),
            "level": 2,
            "observed_on": a["on"].isoformat(),
        },
        format="json",
    )


def _shadowing_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:shadowing_add", args=[ctx.journey.pk]),
        {
            "shadow-colleague": _pk(a["colleague"](ctx)),
            "shadow-date": TODAY().isoformat(),
            "shadow-topic": "Home visit",
        },
    )


def _shadowing_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/shadowing/",
        {
            "journey": str(ctx.journey.pk),
            "colleague": _pk(a["colleague"](ctx)),
            "date": TODAY().isoformat(),
            "topic": "Home visit",
        },
        format="json",
    )


def _feedback_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:feedback_add", args=[ctx.journey.pk]),
        {"fb-kind": "individual", "fb-given_on": TODAY().isoformat(), "fb-text": "Well done"},
    )


def _feedback_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/feedback/",
        {
            "journey": str(ctx.journey.pk),
            "kind": "individual",
            "given_on": TODAY().isoformat(),
            "text": "Well done",
        },
        format="json",
    )


def _close_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    # confirmed: closing asks first on the page; the confirmation is not the rule tested
    url = reverse("onboarding:journey_close", args=[ctx.journey.pk])
    return _page(ctx, actor).post(url, {"confirmed": "1"})


def _close_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(f"{API}/journeys/{ctx.journey.pk}/close/")


def _phase_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:set_phase", args=[ctx.journey.pk]), {"phase": "accompany"}
    )


def _phase_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/journeys/{ctx.journey.pk}/phase/", {"phase": "accompany"}, format="json"
    )


def _tutor_task(ctx: Any, role: str = "tutor") -> Any:
    """The first task of this owner role (`args["role"]`, the tutor's by default)."""
    return ctx.journey.tasks.filter(owner_role=role).order_by("due_date").first()


def _task_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    task = _tutor_task(ctx, a.get("role", "tutor"))
    return _page(ctx, actor).post(reverse("onboarding:task_toggle", args=[task.pk]), {"done": "1"})


def _task_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    task = _tutor_task(ctx, a.get("role", "tutor"))
    return ctx.api_for(actor).post(f"{API}/tasks/{task.pk}/done/", {"done": True}, format="json")


def _manager_task(ctx: Any) -> None:
    """A task the newcomer's line manager owns (the finding: the tutor could tick it)."""
    ctx.journey.tasks.create(
        phase="welcome",
        title="Present the team's projects",
        owner_role="manager",
        owner=ctx.w.manager,
        start_date=ctx.journey.start_date,
        due_date=ctx.journey.start_date + datetime.timedelta(days=5),
    )


def _kit_line(ctx: Any, a: dict[str, Any]) -> Any:
    """The line the case names (`label`), the laptop by default (IT provides it)."""
    return ctx.journey.kit_checks.get(label=a.get("label", "Laptop"))


def _professional_provides_the_laptop(ctx: Any) -> None:
    ctx.journey.kit_checks.filter(label="Laptop").update(provider=ctx.w.professional)


def _kit_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    kit = _kit_line(ctx, a)
    return _page(ctx, actor).post(
        reverse("onboarding:kit_toggle", args=[ctx.journey.pk, kit.pk]), {"ready": "1"}
    )


def _kit_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    kit = _kit_line(ctx, a)
    return ctx.api_for(actor).post(
        f"{API}/kit-checks/{kit.pk}/ready/", {"done": True}, format="json"
    )


def _introduction_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    intro = ctx.journey.introductions.order_by("id").first()
    return _page(ctx, actor).post(
        reverse("onboarding:introduction_toggle", args=[ctx.journey.pk, intro.pk]), {"met": "1"}
    )


def _introduction_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    intro = ctx.journey.introductions.order_by("id").first()
    return ctx.api_for(actor).post(
        f"{API}/introductions/{intro.pk}/met/", {"met_on": TODAY().isoformat()}, format="json"
    )


def _review_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:closing_review", args=[ctx.journey.pk]),
        {"autonomy_on": a["autonomy_on"](ctx).isoformat(), "progression": "Confident"},
    )


def _review_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).patch(
        f"{API}/journeys/{ctx.journey.pk}/review/",
        {"autonomy_on": a["autonomy_on"](ctx).isoformat(), "progression": "Confident"},
        format="json",
    )


def _reviewed_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("onboarding:process_review_done", args=[ctx.review().pk]), {"note": "Noted"}
    )


def _reviewed_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/closing-reviews/{ctx.review().pk}/reviewed/", {"note": "Noted"}, format="json"
    )


S = "entrepairs.onboarding.services."


@dataclass(frozen=True)
class JourneyWrite:
    write: Write
    page_refused: int  # the page's status when the service refuses (form re-rendered, or redirect)
    body_ids: bool = False  # the API names the journey in the body (see the module's docstring)


START = JourneyWrite(Write(_start_page, _start_api, S + "journey_start"), 200)
TUTOR = JourneyWrite(Write(_tutor_page, _tutor_api, S + "journey_assign_tutor", api_ok=200), 200)
LUNCH = JourneyWrite(
    Write(_lunch_page, _lunch_api, S + "journey_plan_first_lunch", api_ok=200), 400
)
OBSERVATION = JourneyWrite(
    Write(_observation_page, _observation_api, S + "observation_record"), 400, body_ids=True
)
SHADOWING = JourneyWrite(
    Write(_shadowing_page, _shadowing_api, S + "shadowing_plan"), 400, body_ids=True
)
FEEDBACK = JourneyWrite(
    Write(_feedback_page, _feedback_api, S + "feedback_record"), 400, body_ids=True
)
CLOSE = JourneyWrite(Write(_close_page, _close_api, S + "journey_close", api_ok=200), 400)
PHASE = JourneyWrite(Write(_phase_page, _phase_api, S + "journey_set_phase", api_ok=200), 302)
TASK = JourneyWrite(Write(_task_page, _task_api, S + "task_set_done", api_ok=200), 302)
KIT = JourneyWrite(Write(_kit_page, _kit_api, S + "kit_set_ready", api_ok=200), 302)
INTRODUCTION = JourneyWrite(
    Write(_introduction_page, _introduction_api, S + "introduction_set_met", api_ok=200), 302
)
REVIEW = JourneyWrite(Write(_review_page, _review_api, S + "closing_review_save", api_ok=200), 200)
REVIEWED = JourneyWrite(
    Write(_reviewed_page, _reviewed_api, S + "closing_review_mark_reviewed", api_ok=200), 302
)


# Starting names the template in both channels' bodies: the page's form does not offer another
# organisation's, and the API answers DRF's 400 "does not exist".
NOT_OFFERED = "not offered"


def who(name: str) -> Callable[[Any], Any]:
    return lambda ctx: getattr(ctx.w, name, None) or getattr(ctx.onb, name)


def nobody(ctx: Any) -> None:
    return None


@dataclass(frozen=True)
class Case:
    name: str
    write: JourneyWrite
    actor: str
    args: dict[str, Any]
    expected: Any
    setup: Callable[[Any], None] = field(default=lambda ctx: None)


def _oscar_started(ctx: Any) -> None:
    ctx.start(ctx.onb.oscar)


def _closed(ctx: Any) -> None:
    type(ctx.journey).objects.filter(pk=ctx.journey.pk).update(status=JourneyStatus.CLOSED)
    ctx.journey.refresh_from_db()


def _ready_to_close(ctx: Any) -> None:
    ctx.journey.tasks.update(done_at=timezone.now())
    ClosingReview.objects.create(journey=ctx.journey, autonomy_on=TODAY(), progression="Good")


def _reviewed_later(ctx: Any) -> None:
    ClosingReview.objects.create(journey=ctx.journey, autonomy_on=TODAY(), progression="Good")


def _day_one(ctx: Any) -> datetime.date:
    return ctx.journey.start_date


def _before_day_one(ctx: Any) -> datetime.date:
    return ctx.journey.start_date - datetime.timedelta(days=1)


IN_TEN_DAYS = TODAY() + datetime.timedelta(days=10)
CASES = [
    # Starting a journey: the coordinator of the template's organisation.
    Case(
        "start",
        START,
        "coordinator",
        {"newcomer": who("oscar"), "tutor": who("professional"), "on": IN_TEN_DAYS},
        OK,
    ),
    Case(
        "start: the newcomer as their own tutor",
        START,
        "coordinator",
        {"newcomer": who("oscar"), "tutor": who("oscar"), "on": IN_TEN_DAYS},
        Refused("A newcomer cannot be their own tutor."),
    ),
    Case(
        "start: a newcomer whose journey is under way",
        START,
        "coordinator",
        {"newcomer": who("oscar"), "tutor": who("professional"), "on": IN_TEN_DAYS},
        Refused("This newcomer already has a journey under way."),
        setup=_oscar_started,
    ),
    Case(
        "start: by a tutor",
        START,
        "professional",
        {"newcomer": who("oscar"), "tutor": nobody, "on": IN_TEN_DAYS},
        FORBIDDEN,
    ),
    Case(
        "start: with another organisation's template and newcomer",
        START,
        "coordinator_b",
        {"newcomer": who("oscar"), "tutor": nobody, "on": IN_TEN_DAYS},
        NOT_OFFERED,
    ),
    # Naming the tutor: the coordinator.
    Case("name the tutor", TUTOR, "coordinator", {"tutor": who("colleague")}, OK),
    Case(
        "name the newcomer their own tutor",
        TUTOR,
        "coordinator",
        {"tutor": who("nina")},
        Refused("A newcomer cannot be their own tutor."),
    ),
    Case(
        "name the tutor: by the line manager",
        TUTOR,
        "manager",
        {"tutor": who("colleague")},
        FORBIDDEN,
    ),
    # The first lunch: whoever runs the journey.
    Case(
        "plan the first lunch",
        LUNCH,
        "professional",
        {"on": lambda ctx: ctx.journey.start_date},
        OK,
    ),
    Case(
        "plan the first lunch before day one",
        LUNCH,
        "professional",
        {"on": lambda ctx: ctx.journey.start_date - datetime.timedelta(days=1)},
        Refused("The first lunch is on or after day one."),
    ),
    Case(
        "plan the first lunch: by the line manager",
        LUNCH,
        "manager",
        {"on": lambda ctx: ctx.journey.start_date},
        FORBIDDEN,
    ),
    # Observations: the tutor or the coordinator.
    Case("observe", OBSERVATION, "professional", {"on": TODAY()}, OK),
    Case(
        "observe in the future",
        OBSERVATION,
        "professional",
        {"on": TODAY() + datetime.timedelta(days=3)},
        Refused("An observation cannot be dated in the future."),
    ),
    Case("observe: by the line manager", OBSERVATION, "manager", {"on": TODAY()}, FORBIDDEN),
    # Job shadowing: whoever runs the journey and reads its evaluations.
    Case("plan job shadowing", SHADOWING, "professional", {"colleague": who("colleague")}, OK),
    Case(
        "plan job shadowing with the newcomer",
        SHADOWING,
        "professional",
        {"colleague": who("nina")},
        Refused("Job shadowing is with a colleague."),
    ),
    Case(
        "plan job shadowing: by the line manager",
        SHADOWING,
        "manager",
        {"colleague": who("colleague")},
        FORBIDDEN,
    ),
    # Feedback: the tutor, the coordinator, the line manager; not the newcomer.
    Case("give feedback as the line manager", FEEDBACK, "manager", {}, OK),
    Case("give feedback: by the newcomer", FEEDBACK, "nina", {}, FORBIDDEN),
    # Closing: the coordinator or the tutor, once mandatory tasks are done.
    Case(
        "close with mandatory tasks open",
        CLOSE,
        "coordinator",
        {},
        Refused("mandatory task"),
    ),
    Case("close: by the line manager", CLOSE, "manager", {}, FORBIDDEN),
    Case("close: by another organisation's coordinator", CLOSE, "coordinator_b", {}, HIDDEN),
    Case("close", CLOSE, "coordinator", {}, OK, setup=_ready_to_close),
    # Another organisation's coordinator does not see the journey: 404 on both channels.
    Case(
        "name the tutor: by another organisation's coordinator",
        TUTOR,
        "coordinator_b",
        {"tutor": who("colleague")},
        HIDDEN,
    ),
    Case(
        "plan the first lunch: by another organisation's coordinator",
        LUNCH,
        "coordinator_b",
        {"on": _day_one},
        HIDDEN,
    ),
    Case(
        "observe: by another organisation's coordinator",
        OBSERVATION,
        "coordinator_b",
        {"on": TODAY()},
        HIDDEN,
    ),
    Case(
        "plan job shadowing: by another organisation's coordinator",
        SHADOWING,
        "coordinator_b",
        {"colleague": who("colleague")},
        HIDDEN,
    ),
    Case(
        "give feedback: by another organisation's coordinator",
        FEEDBACK,
        "coordinator_b",
        {},
        HIDDEN,
    ),
    Case(
        "give feedback: on a closed journey",
        FEEDBACK,
        "manager",
        {},
        Refused("This journey is closed."),
        setup=_closed,
    ),
    # The phase: whoever runs the journey.
    Case("move to the next phase", PHASE, "professional", {}, OK),
    Case(
        "move a closed journey to another phase",
        PHASE,
        "coordinator",
        {},
        Refused("This journey is closed."),
        setup=_closed,
    ),
    Case("move to the next phase: by the line manager", PHASE, "manager", {}, FORBIDDEN),
    Case(
        "move to the next phase: by another organisation's coordinator",
        PHASE,
        "coordinator_b",
        {},
        HIDDEN,
    ),
    # A task: its owner (here the tutor) ticks it.
    Case("tick a task", TASK, "professional", {}, OK),
    Case(
        "tick a task of a closed journey",
        TASK,
        "professional",
        {},
        Refused("This journey is closed."),
        setup=_closed,
    ),
    Case("tick a task: by the line manager", TASK, "manager", {}, FORBIDDEN),
    Case("tick a task: by another organisation's coordinator", TASK, "coordinator_b", {}, HIDDEN),
    # Finding F6: a task is ticked by its owner or the journey's coordinator, nobody else; the
    # tutor ticks the tutor's own tasks (above), not the manager's, the newcomer's nor HR's.
    *[
        Case(f"tick the {role}'s task: by {actor}", TASK, actor, {"role": role}, expected, setup)
        for role, actor, expected, setup in [
            ("manager", "professional", FORBIDDEN, _manager_task),
            ("manager", "manager", OK, _manager_task),
            ("manager", "coordinator", OK, _manager_task),
            ("newcomer", "professional", FORBIDDEN, lambda ctx: None),
            ("newcomer", "nina", OK, lambda ctx: None),
            ("hr", "professional", FORBIDDEN, lambda ctx: None),  # unassigned: nobody holds HR
            ("hr", "coordinator", OK, lambda ctx: None),
        ]
    ],
    # The kit: the person who provides a line, or the journey's coordinator (the tutor does not
    # mark IT's or HR's lines ready: docs/access-expected.md).
    Case(
        "mark a kit line ready: by the person who provides it",
        KIT,
        "professional",
        {},
        OK,
        setup=_professional_provides_the_laptop,
    ),
    Case(
        "mark a kit line ready: by the tutor, who does not provide it",
        KIT,
        "professional",
        {},
        FORBIDDEN,
    ),
    Case(
        "mark an unassigned kit line ready: by the coordinator",
        KIT,
        "coordinator",
        {"label": "Building keys"},
        OK,
    ),
    Case(
        "mark a kit line of a closed journey ready",
        KIT,
        "coordinator",
        {},
        Refused("This journey is closed."),
        setup=_closed,
    ),
    Case("mark a kit line ready: by the line manager", KIT, "manager", {}, FORBIDDEN),
    Case(
        "mark a kit line ready: by another organisation's coordinator",
        KIT,
        "coordinator_b",
        {},
        HIDDEN,
    ),
    # Introductions: whoever runs the journey.
    Case("mark an introduction made", INTRODUCTION, "professional", {}, OK),
    Case(
        "mark an introduction of a closed journey made",
        INTRODUCTION,
        "professional",
        {},
        Refused("This journey is closed."),
        setup=_closed,
    ),
    Case("mark an introduction made: by the line manager", INTRODUCTION, "manager", {}, FORBIDDEN),
    Case(
        "mark an introduction made: by another organisation's coordinator",
        INTRODUCTION,
        "coordinator_b",
        {},
        HIDDEN,
    ),
    # The closing review: the tutor's part by the tutor or the coordinator.
    Case("write the closing review", REVIEW, "professional", {"autonomy_on": _day_one}, OK),
    Case(
        "write the closing review with autonomy before day one",
        REVIEW,
        "professional",
        {"autonomy_on": _before_day_one},
        Refused("Autonomy cannot come before day one."),
    ),
    Case(
        "write the closing review: by the line manager, who reads it",
        REVIEW,
        "manager",
        {"autonomy_on": _day_one},
        FORBIDDEN,
    ),
    Case(
        "write the closing review: by another organisation's coordinator",
        REVIEW,
        "coordinator_b",
        {"autonomy_on": _day_one},
        HIDDEN,
    ),
    # Reading the process feedback: the coordinator.
    Case(
        "mark the process feedback reviewed",
        REVIEWED,
        "coordinator",
        {},
        OK,
        setup=_reviewed_later,
    ),
    Case(
        "mark the process feedback reviewed: by the tutor, who reads it",
        REVIEWED,
        "professional",
        {},
        FORBIDDEN,
        setup=_reviewed_later,
    ),
    Case(
        "mark the process feedback reviewed: by another organisation's coordinator",
        REVIEWED,
        "coordinator_b",
        {},
        HIDDEN,
        setup=_reviewed_later,
    ),
]


def assert_same(case: Case, page: Outcome, api: Outcome) -> None:
    write, expected = case.write.write, case.expected
    if expected == OK:
        assert page.status == 302, page.text[:2000]
        assert api.status == write.api_ok, api.text
        assert write.service in page.services and write.service in api.services
    elif expected == FORBIDDEN:
        assert (page.status, api.status) == (403, 403)
        assert write.service not in page.services + api.services
    elif expected == NOT_OFFERED:
        assert page.status == 200 and "Select a valid choice" in page.text, page.text[:2000]
        assert api.status == 400 and "unknown, or outside your organisations" in api.text, api.text
        assert write.service not in page.services + api.services
    elif expected == HIDDEN:
        if case.write.body_ids:
            assert (page.status, api.status) == (404, 400), api.text
            assert "unknown, or outside your organisations" in api.text, api.text
        else:
            assert (page.status, api.status) == (404, 404)
        assert write.service not in page.services + api.services
    else:
        assert isinstance(expected, Refused)
        assert page.status == case.write.page_refused, page.text[:2000]
        assert expected.message in page.text, page.text[:2000]
        assert api.status == 400 and expected.message in api.text, api.text
        assert write.service in page.services and write.service in api.services


@pytest.fixture
def ctx(world, onb, client, api_for, start):  # type: ignore[no-untyped-def]
    journey = start(onb.nina, days=-3).journey
    return SimpleNamespace(
        w=world,
        onb=onb,
        client=client,
        api_for=api_for,
        start=start,
        journey=journey,
        competency=journey.version.competencies.first(),
        review=lambda: ClosingReview.objects.get(journey=journey),
    )


def _page_with_messages(ctx: Any, write: JourneyWrite, actor: Any, args: dict[str, Any]) -> Any:
    """A button's refusal is a message on the page it redirects to."""
    response = write.write.page(ctx, actor, args)
    if response.status_code == 302 and write.page_refused == 302:
        shown = ctx.client.get(response["Location"])
        response.content = shown.content
    return response


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    case.setup(ctx)
    actor = who(case.actor)(ctx)
    write = Write(
        lambda c, a, args: _page_with_messages(c, case.write, a, args),
        case.write.write.api,
        case.write.write.service,
        case.write.write.api_ok,
    )
    page, api = run_both(ctx, write, actor, case.args)
    if isinstance(case.expected, Refused) and case.write.page_refused == 302:
        assert page.status == 302  # the button redirects, the message is on the next page
        page = Outcome(case.write.page_refused, page.text, page.services)
    assert_same(case, page, api)


def test_the_services_refuse_a_coordinator_of_another_organisation(world, onb) -> None:
    """Start a journey, create a template, name a tutor: the service decides, not a form's
    choices, so a command or task gets the same refusal."""
    from django.core.exceptions import ValidationError

    from .. import templating

    with pytest.raises(ValidationError, match="You cannot start journeys in this organisation."):
        services.journey_start(
            version=onb.version,
            newcomer=onb.nina,
            start_date=TODAY(),
            coordinator=None,
            by=world.coordinator_b,
        )
    with pytest.raises(ValidationError, match="You cannot create templates in this organisation."):
        templating.template_create(
            organisation=world.org_a, function="Nurse", by=world.coordinator_b
        )
    journey = services.journey_start(
        version=onb.version, newcomer=onb.nina, start_date=TODAY(), coordinator=world.coordinator
    ).journey
    with pytest.raises(ValidationError, match="You cannot name tutors in this organisation."):
        services.journey_assign_tutor(
            journey=journey, tutor=world.colleague, confirm=True, by=world.coordinator_b
        )
    with pytest.raises(ValidationError, match="You cannot record this observation."):
        services.observation_record(
            journey=journey,
            competency=journey.version.competencies.first(),
            level=1,
            observed_on=TODAY(),
            source="tutor",
            author=world.manager,
        )
    # The positive control: the organisation's coordinator is allowed each of them.
    template = templating.template_create(
        organisation=world.org_a, function="Nurse", by=world.coordinator
    )
    assert template.versions.count() == 1
    services.journey_assign_tutor(
        journey=journey, tutor=world.colleague, confirm=True, by=world.coordinator
    )
    journey.refresh_from_db()
    assert journey.tutor == world.colleague
