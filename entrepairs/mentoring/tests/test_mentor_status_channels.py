"""Screening and training steps move a mentor's status the same way from the page, the API and the
command line (issue 14, point 4: the API once left the status one step behind). One service per
step (services.screening_record; training.services.completion_record through
services.training_record); each channel walks the same steps and must show the same status after
each one."""

from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from entrepairs.mentoring import services
from entrepairs.mentoring.models import Mentor, ScreeningStep

API = "/api/v1/mentoring"
ON = date(2026, 11, 30)
STEPS: list[tuple[str, str]] = [  # (step, referee or "" — "training" is the training completion)
    (ScreeningStep.Kind.INTERVIEW, ""),
    (ScreeningStep.Kind.BACKGROUND, ""),
    (ScreeningStep.Kind.SAFEGUARDING, ""),
    (ScreeningStep.Kind.REFERENCE, "Ref One"),
    ("training", ""),
]
# The status after each step: screened once every check and the one reference passed, approved
# once the programme's required training is done (the programme in mworld needs one module).
EXPECTED = [
    Mentor.Status.SCREENING,
    Mentor.Status.SCREENING,
    Mentor.Status.SCREENING,
    Mentor.Status.TRAINING,
    Mentor.Status.APPROVED,
]


def _page(ctx: Any, mentor: Mentor, step: str, referee: str) -> None:
    client = ctx.client_for(ctx.coordinator)
    if step == "training":
        data = {"action": "training", "t-module": str(ctx.module.pk), "t-completed_on": ON}
    else:
        data = {
            "action": "screening",
            "s-kind": step,
            "s-outcome": "passed",
            "s-referee": referee,
            "s-done_on": ON.isoformat(),
        }
    answer = client.post(f"/mentoring/mentors/{mentor.pk}/", data)
    assert answer.status_code == 302, answer.content


def _api(ctx: Any, mentor: Mentor, step: str, referee: str) -> None:
    api = ctx.api_for(ctx.coordinator)
    if step == "training":
        answer = api.post(
            f"{API}/mentors/{mentor.pk}/training/",
            {"module": str(ctx.module.pk), "completed_on": ON.isoformat()},
            format="json",
        )
    else:
        answer = api.post(
            f"{API}/mentors/{mentor.pk}/screening/",
            {"kind": step, "outcome": "passed", "referee": referee, "done_on": ON.isoformat()},
            format="json",
        )
    assert answer.status_code == 200, answer.content
    # the answer shows the status the database holds (never one step behind)
    assert answer.json()["status"] == Mentor.objects.get(pk=mentor.pk).status


def _command(ctx: Any, mentor: Mentor, step: str, referee: str) -> None:
    by = str(ctx.coordinator.pk)
    if step == "training":
        call_command(
            "record_training_completion",
            person=str(mentor.person_id),
            module=str(ctx.module.pk),
            on=ON,
            by=by,
            stdout=StringIO(),
        )
    else:
        call_command(
            "record_mentor_screening",
            mentor=str(mentor.pk),
            kind=step,
            outcome="passed",
            on=ON,  # an option given by keyword reaches the command unparsed (call_command)
            referee=referee,
            by=by,
            stdout=StringIO(),
        )


CHANNELS: dict[str, Callable[..., None]] = {"page": _page, "api": _api, "command": _command}


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_each_step_moves_the_status_alike_on_every_channel(
    mworld, client_for, api_for, channel: str
) -> None:
    from types import SimpleNamespace

    ctx = SimpleNamespace(
        client_for=client_for,
        api_for=api_for,
        coordinator=mworld.world.coordinator,
        module=mworld.module,
    )
    mentor = services.mentor_apply(
        programme=mworld.programme,
        first_name="Paula",
        last_name="Candidate",
        email="paula.candidate@mentors.test",
        languages=["fr"],
        interests=["football"],
        region="Lille",
        birth_year=1980,
        mode="individual",
        capacity=1,
        motivation="help",
    )
    assert mentor.status == Mentor.Status.APPLIED
    seen = []
    for step, referee in STEPS:
        CHANNELS[channel](ctx, mentor, step, referee)
        seen.append(Mentor.objects.get(pk=mentor.pk).status)
    assert seen == EXPECTED
