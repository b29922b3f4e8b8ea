"""Onboarding's template and setup writes give the same answer on the page and in the API, from
one table of cases (entrepairs/core/tests/parity.py); journeys have theirs in
test_journey_write_parity.py. A second tutor profile for a person once answered 500 in the API
(an IntegrityError); the service now refuses it with a message, on both channels.

Templates, their versions, tutors and contacts are the coordinator's alone: nobody sees them
without being allowed to change them, so their refusal for someone else is HIDDEN (404), and
FORBIDDEN only where a page or a list is refused as a whole (creating). Where the write names
another organisation's record in its body (a new template, tutor, contact or template line), the
page's form does not offer it and the API answers DRF's 400 "does not exist": NOT_OFFERED.
A page's button (publish, delete a line) shows its refusal as a message after the redirect.

Two writes have no page: changing a template (`template_update`) and deleting a tutor profile
(`tutor_profile_delete`); their cases run through the API alone, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    HIDDEN_IN_BODY,
    OK,
    UNKNOWN,
    Refused,
    Write,
    assert_same,
    page_as,
    run_both,
    with_messages,
)

from .. import templating
from ..models import OrgContact, TutorProfile

API = "/api/v1/onboarding"


def _tutor_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
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
    return page_as(ctx, actor).post(
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


def _template_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        reverse("onboarding:templates"),
        {"organisation": ctx.w.org_a.pk, "function": "Nurse", "tutoring_type": "integration"},
    )


def _template_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/templates/",
        {"organisation": str(ctx.w.org_a.pk), "function": "Nurse", "tutoring_type": "integration"},
        format="json",
    )


def _draft_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        reverse("onboarding:template_draft", args=[ctx.onb.template.pk])
    )


def _draft_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(f"{API}/templates/{ctx.onb.template.pk}/draft/")


FRAMES = {"objectives": "Welcome", "tutor_hours_per_week": 3}


def _frames_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    version = args["version"](ctx)
    return page_as(ctx, actor).post(
        reverse("onboarding:version_frames", args=[version.pk]),
        {**FRAMES, "scale_text": "Discovering\nConfirmed"},
    )


def _frames_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    version = args["version"](ctx)
    return ctx.api_for(actor).patch(f"{API}/template-versions/{version.pk}/", FRAMES, format="json")


def _publish_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    version = args["version"](ctx)
    return page_as(ctx, actor).post(reverse("onboarding:version_publish", args=[version.pk]))


def _publish_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    version = args["version"](ctx)
    return ctx.api_for(actor).post(f"{API}/template-versions/{version.pk}/publish/")


TASK = {
    "phase": "welcome",
    "title": "Meet the residents",
    "owner_role": "tutor",
    "start_day": 0,
    "due_day": 2,
    "mandatory": True,
}


def _part_add_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    version = args["version"](ctx)
    return page_as(ctx, actor).post(
        reverse("onboarding:version_part_add", args=[version.pk, "task"]),
        {f"task-{key}": value for key, value in TASK.items()},
    )


def _part_add_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    version = args["version"](ctx)
    return ctx.api_for(actor).post(
        f"{API}/template-tasks/", {"version": str(version.pk), **TASK}, format="json"
    )


def _part_delete_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    part = args["version"](ctx).tasks.order_by("title").first()
    return page_as(ctx, actor).post(
        reverse("onboarding:version_part_delete", args=[part.version_id, "task", part.pk])
    )


def _part_delete_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    part = args["version"](ctx).tasks.order_by("title").first()
    return ctx.api_for(actor).delete(f"{API}/template-tasks/{part.pk}/")


def _contact_delete_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(reverse("onboarding:contact_delete", args=[ctx.contact().pk]))


def _contact_delete_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).delete(f"{API}/contacts/{ctx.contact().pk}/")


S = "entrepairs.onboarding.services."
T = "entrepairs.onboarding.templating."
TUTOR = Write(_tutor_page, _tutor_api, S + "tutor_profile_save")
CONTACT = Write(_contact_page, _contact_api, S + "org_contact_save")
CONTACT_DELETE = Write(
    _contact_delete_page, _contact_delete_api, S + "org_contact_delete", api_ok=204
)
TEMPLATE = Write(_template_page, _template_api, T + "template_create")
DRAFT = Write(_draft_page, _draft_api, T + "template_draft", api_ok=200)
FRAMES_WRITE = Write(_frames_page, _frames_api, T + "version_save_frames", api_ok=200)
PUBLISH = Write(_publish_page, _publish_api, T + "version_publish", api_ok=200, page_refused=302)
PART_ADD = Write(_part_add_page, _part_add_api, T + "version_save_part", page_refused=400)
PART_DELETE = Write(
    _part_delete_page, _part_delete_api, T + "version_delete_part", api_ok=204, page_refused=302
)
# A write that names the record in its body: the API's answer to one it does not show.
BODY_IDS = {TUTOR, CONTACT, TEMPLATE, PART_ADD}
NOT_OFFERED = UNKNOWN  # the page's form does not offer it; the API: 400 "does not exist"


@dataclass(frozen=True)
class Case:
    name: str
    write: Write
    args: dict[str, Any]
    expected: Any
    actor: str = "coordinator"


def person(name: str) -> Any:
    return lambda ctx: getattr(ctx.w, name)


def published(ctx: Any) -> Any:
    return ctx.onb.version


def draft(ctx: Any) -> Any:
    return ctx.draft


FROZEN = "Version 1 is published and frozen: edit the template's draft instead."
CASES = [
    Case(
        "a second tutor profile for the same person",
        TUTOR,
        {"person": person("professional")},
        Refused("This person already has a tutor profile."),
    ),
    Case("a tutor profile for a new tutor", TUTOR, {"person": person("colleague")}, OK),
    Case(
        "a tutor profile: by a professional",
        TUTOR,
        {"person": person("colleague")},
        FORBIDDEN,
        actor="professional",
    ),
    Case(
        "a tutor profile for another organisation's person",
        TUTOR,
        {"person": person("colleague")},
        NOT_OFFERED,
        actor="coordinator_b",
    ),
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
    Case(
        "naming a person to a contact role: by a professional",
        CONTACT,
        {"role": "hr", "person": person("manager")},
        FORBIDDEN,
        actor="professional",
    ),
    Case(
        "naming another organisation's person to a contact role",
        CONTACT,
        {"role": "hr", "person": person("manager")},
        NOT_OFFERED,
        actor="coordinator_b",
    ),
    Case("removing a contact", CONTACT_DELETE, {}, OK),
    Case("removing a contact: by a professional", CONTACT_DELETE, {}, HIDDEN, "professional"),
    Case(
        "removing a contact: by another organisation's coordinator",
        CONTACT_DELETE,
        {},
        HIDDEN,
        "coordinator_b",
    ),
    Case("creating a template", TEMPLATE, {}, OK),
    Case("creating a template: by a professional", TEMPLATE, {}, FORBIDDEN, "professional"),
    Case("creating a template in another organisation", TEMPLATE, {}, NOT_OFFERED, "coordinator_b"),
    Case("making a draft of a template", DRAFT, {}, OK),
    Case("making a draft of a template: by a professional", DRAFT, {}, HIDDEN, "professional"),
    Case(
        "making a draft of a template: by another organisation's coordinator",
        DRAFT,
        {},
        HIDDEN,
        "coordinator_b",
    ),
    Case("changing a draft's frames", FRAMES_WRITE, {"version": draft}, OK),
    Case(
        "changing a published version's frames",
        FRAMES_WRITE,
        {"version": published},
        Refused(FROZEN),
    ),
    Case(
        "changing a draft's frames: by another organisation's coordinator",
        FRAMES_WRITE,
        {"version": draft},
        HIDDEN,
        "coordinator_b",
    ),
    Case("publishing a draft", PUBLISH, {"version": draft}, OK),
    Case("publishing a published version", PUBLISH, {"version": published}, Refused(FROZEN)),
    Case(
        "publishing a draft: by another organisation's coordinator",
        PUBLISH,
        {"version": draft},
        HIDDEN,
        "coordinator_b",
    ),
    Case("adding a task to a draft", PART_ADD, {"version": draft}, OK),
    Case(
        "adding a task to a published version",
        PART_ADD,
        {"version": published},
        Refused(FROZEN),
    ),
    Case(
        "adding a task to another organisation's draft",
        PART_ADD,
        {"version": draft},
        HIDDEN,
        "coordinator_b",
    ),
    Case("removing a task from a draft", PART_DELETE, {"version": draft}, OK),
    Case(
        "removing a task from a published version",
        PART_DELETE,
        {"version": published},
        Refused(FROZEN),
    ),
    Case(
        "removing a task from another organisation's draft",
        PART_DELETE,
        {"version": draft},
        HIDDEN,
        "coordinator_b",
    ),
]


@pytest.fixture
def ctx(world, onb, client, api_for):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    return SimpleNamespace(
        w=world,
        onb=onb,
        client=client,
        api_for=api_for,
        draft=templating.template_draft(template=onb.template, by=SYSTEM),
        contact=lambda: OrgContact.objects.get(organisation=world.org_a, role="it"),
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    write = case.write
    page, api = run_both(ctx, with_messages(write), getattr(ctx.w, case.actor), case.args)
    expected = case.expected
    if expected == HIDDEN and write in BODY_IDS:
        expected = HIDDEN_IN_BODY
    if isinstance(expected, Refused) and write.page_refused == 302:
        assert page.status == 302  # the button redirects, the message is on the next page
    assert_same(expected, page, api, write)
    if expected in (FORBIDDEN, HIDDEN):
        assert write.service not in page.services + api.services


# -- the writes with no page: the API alone ---------------------------------------------------


def test_it_changes_a_template_through_the_api_with_the_services_rules(ctx) -> None:
    url = f"{API}/templates/{ctx.onb.template.pk}/"
    ok = ctx.api_for(ctx.w.coordinator).patch(url, {"function": "Senior educator"}, format="json")
    assert ok.status_code == 200, ok.content
    moved = ctx.api_for(ctx.w.coordinator).patch(
        url, {"organisation": str(ctx.w.org_b.pk)}, format="json"
    )
    # org B is not the coordinator's: the serializer does not offer it.
    assert (
        moved.status_code == 400
        and "unknown, or outside your organisations" in moved.content.decode()
    )
    hidden = ctx.api_for(ctx.w.coordinator_b).patch(url, {"function": "Nurse"}, format="json")
    assert hidden.status_code == 404
    forbidden = ctx.api_for(ctx.w.professional).patch(url, {"function": "Nurse"}, format="json")
    assert forbidden.status_code == 404  # templates are the coordinator's: not seen


def test_it_keeps_a_template_in_its_organisation_whoever_calls_the_service(ctx) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="A template stays in its organisation."):
        templating.template_update(
            template=ctx.onb.template,
            organisation=ctx.w.org_b,
            function="Educator",
            tutoring_type="integration",
            by=ctx.w.coordinator,
        )
    kept = templating.template_update(
        template=ctx.onb.template,
        organisation=ctx.w.org_a,
        function="Educator",
        tutoring_type="integration",
        by=ctx.w.coordinator,
    )
    assert kept.organisation == ctx.w.org_a


def test_it_keeps_a_template_line_in_its_version(ctx) -> None:
    line = ctx.draft.tasks.order_by("title").first()
    other = templating.template_create(
        organisation=ctx.w.org_a, function="Nurse", by=ctx.w.coordinator
    ).versions.get()
    api = ctx.api_for(ctx.w.coordinator)
    moved = api.patch(f"{API}/template-tasks/{line.pk}/", {"version": str(other.pk)}, format="json")
    assert moved.status_code == 400
    assert moved.json()["error"]["fields"]["version"] == ["A line cannot move to another version."]
    renamed = api.patch(f"{API}/template-tasks/{line.pk}/", {"title": "Renamed"}, format="json")
    assert renamed.status_code == 200, renamed.content


def test_it_deletes_a_tutor_profile_through_the_api_for_the_coordinator_alone(ctx) -> None:
    profile = TutorProfile.objects.get(person=ctx.w.professional)
    url = f"{API}/tutors/{profile.pk}/"
    assert ctx.api_for(ctx.w.coordinator_b).delete(url).status_code == 404
    # Tutor profiles are the coordinator's: the tutor does not see even their own.
    assert ctx.api_for(ctx.w.professional).delete(url).status_code == 404
    assert ctx.api_for(ctx.w.coordinator).delete(url).status_code == 204
    assert not TutorProfile.objects.filter(pk=profile.pk).exists()


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
