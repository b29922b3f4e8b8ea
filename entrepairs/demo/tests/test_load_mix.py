"""The load benchmark's task mix (bench/load_mix.py) still works: on the small demo world, every
kind of user is found, and every page and API list of the mix answers 200 to them, the
attendance write included, so the benchmark cannot silently measure error pages. Not timed."""

import random
from typing import Any

import pytest
from django.test import Client

from bench.load_mix import SHARES, attendance_form, build_plan, sign_in
from entrepairs.demo.tests import replay
from entrepairs.groups.models import Attendance


@pytest.mark.django_db
def test_it_finds_every_kind_of_user_and_every_page_of_the_mix_answers() -> None:
    replay.load_small()
    plan = build_plan(50)
    assert {planned.kind for planned in plan} == set(SHARES)
    sign_in(plan)
    for planned in plan:
        client = Client()
        client.cookies["sessionid"] = planned.session_key
        for step in planned.steps:
            response = client.get(step.path)
            assert response.status_code == 200, (planned.kind, planned.email, step.path)
            assert getattr(response.wsgi_request.user, "email", None) == planned.email


@pytest.mark.django_db
def test_it_saves_attendance_as_the_benchmark_posts_it() -> None:
    replay.load_small()
    facilitator = next(p for p in build_plan(50) if p.kind == "facilitator")
    sign_in([facilitator])
    csrf = "a" * 32  # the client's own secret, as bench/locustfile.py makes one
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = facilitator.session_key
    client.cookies["csrftoken"] = csrf
    form = attendance_form(facilitator.attendance_members, csrf, random.Random(1))
    form.update({f"status_{m}": "excused" for m in facilitator.attendance_members})

    response = client.post(facilitator.attendance_path, form)

    assert response.status_code == 302
    members: list[Any] = facilitator.attendance_members
    marks = Attendance.objects.filter(member_id__in=members)
    session_pk = facilitator.attendance_path.split("/")[3]
    assert set(marks.filter(session_id=session_pk).values_list("status", flat=True)) == {"excused"}
