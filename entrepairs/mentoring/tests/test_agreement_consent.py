"""An information-sharing agreement binds two parties (the organisation that runs mentoring and the
agency whose youths it concerns): one side alone never widens it. More facts, a new purpose or a
later end become a proposal the other party accepts; what narrows applies at once. One service
(services.agreement_save) decides, called by the page and the API alike."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.tests.parity import FORBIDDEN, OK, Refused, Write, assert_same, run_both
from entrepairs.mentoring.models import SHAREABLE_FIELDS, SharingAgreement

API = "/api/v1/mentoring/agreements"
SAVE = "entrepairs.mentoring.services.agreement_save"
ACCEPT = "entrepairs.mentoring.services.agreement_proposal_accept"


@pytest.fixture
def ctx(mworld, active_match, client, api_for):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        m=mworld,
        w=mworld.world,
        match=active_match,
        client=client,
        api_for=api_for,
        coordinator=mworld.world.coordinator,
        coordinator_b=mworld.world.coordinator_b,
        worker_b=mworld.world.worker_b,
    )


def _page_save(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    data: dict[str, Any] = {"valid_until": args.get("valid_until") or ""}
    for name in args["fields"]:
        data[f"share_{name}"] = "on"
        data[f"purpose_{name}"] = args["purposes"][name]
    return ctx.client.post(reverse("mentoring:agreement_edit", args=[ctx.m.agreement.pk]), data)


def _api_save(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).patch(
        f"{API}/{ctx.m.agreement.pk}/",
        {
            "fields": args["fields"],
            "purposes": args["purposes"],
            "valid_until": args.get("valid_until"),
        },
        format="json",
    )


def _page_accept(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client.post(
        reverse("mentoring:agreement_edit", args=[ctx.m.agreement.pk]), {"action": "accept"}
    )


def _api_accept(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(f"{API}/{ctx.m.agreement.pk}/accept/")


SAVE_WRITE = Write(_page_save, _api_save, SAVE, api_ok=200)
ACCEPT_WRITE = Write(_page_accept, _api_accept, ACCEPT, api_ok=200)
CHANNELS = {"page": "page", "api": "api"}


def _current(ctx: Any) -> dict[str, Any]:
    a = ctx.m.agreement
    return {"fields": list(a.fields), "purposes": dict(a.purposes)}


def _widened(ctx: Any) -> dict[str, Any]:
    now = _current(ctx)
    return {
        "fields": [*now["fields"], "school_level"],
        "purposes": {**now["purposes"], "school_level": "help with homework"},
    }


def _without_phone(ctx: Any) -> dict[str, Any]:
    now = _current(ctx)
    return {
        "fields": [n for n in now["fields"] if n != "guardian_phone"],
        "purposes": {k: v for k, v in now["purposes"].items() if k != "guardian_phone"},
    }


def _mentor_sees(ctx: Any) -> set[str]:
    body = ctx.api_for(ctx.m.mentor.person).get(f"/api/v1/mentoring/matches/{ctx.match.pk}/")
    assert body.status_code == 200
    return set(body.json()["youths"][0])


def _write(ctx: Any, write: Write, channel: str, actor: Any, args: dict[str, Any]) -> Any:
    response = getattr(write, channel)(ctx, actor, args)
    assert response.status_code in (200, 302), getattr(response, "content", b"")[:2000]
    return SharingAgreement.objects.get(pk=ctx.m.agreement.pk)


@pytest.mark.parametrize("channel", CHANNELS)
def test_it_makes_a_widening_a_proposal_the_other_party_accepts(ctx, channel: str) -> None:
    saved = _write(ctx, SAVE_WRITE, channel, ctx.coordinator, _widened(ctx))
    assert "school_level" not in saved.fields and "school_level" in saved.proposed_fields
    assert saved.proposed_by_organisation == ctx.w.org_a
    assert "school_level" not in _mentor_sees(ctx)
    assert Notification.objects.filter(
        recipient=ctx.coordinator_b.user, subject__contains="waits for your answer"
    ).exists()
    accepted = _write(ctx, ACCEPT_WRITE, channel, ctx.coordinator_b, {})
    assert "school_level" in accepted.fields and not accepted.has_proposal
    assert "school_level" in _mentor_sees(ctx)  # positive control: accepted, now shared


@pytest.mark.parametrize("channel", CHANNELS)
def test_it_applies_a_narrowing_at_once_from_either_party(ctx, channel: str) -> None:
    assert "guardian_phone" in _mentor_sees(ctx)
    saved = _write(ctx, SAVE_WRITE, channel, ctx.coordinator_b, _without_phone(ctx))
    assert "guardian_phone" not in saved.fields and not saved.has_proposal
    assert "guardian_phone" not in _mentor_sees(ctx)


@pytest.mark.parametrize("channel", CHANNELS)
def test_it_applies_the_narrowed_part_of_a_mixed_change_and_proposes_the_rest(
    ctx, channel: str
) -> None:
    args = _without_phone(ctx)
    args["fields"].append("school_level")
    args["purposes"]["school_level"] = "help with homework"
    saved = _write(ctx, SAVE_WRITE, channel, ctx.coordinator, args)
    assert "guardian_phone" not in saved.fields and "school_level" not in saved.fields
    assert set(saved.proposed_fields) == set(args["fields"])


@pytest.mark.parametrize("channel", CHANNELS)
def test_it_shortens_at_once_and_proposes_a_longer_duration(ctx, channel: str) -> None:
    soon = (timezone.localdate() + timedelta(days=30)).isoformat()
    later = (timezone.localdate() + timedelta(days=365)).isoformat()
    shortened = _write(
        ctx, SAVE_WRITE, channel, ctx.coordinator, {**_current(ctx), "valid_until": soon}
    )
    assert shortened.valid_until.isoformat() == soon and not shortened.has_proposal
    longer = _write(
        ctx, SAVE_WRITE, channel, ctx.coordinator, {**_current(ctx), "valid_until": later}
    )
    assert longer.valid_until.isoformat() == soon
    assert longer.proposed_valid_until.isoformat() == later


def test_it_shows_nothing_to_mentors_once_the_agreement_has_ended(ctx) -> None:
    SharingAgreement.objects.filter(pk=ctx.m.agreement.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert _mentor_sees(ctx) == set()


def test_it_makes_a_new_agreement_share_nothing_until_the_agency_accepts(ctx, api_for) -> None:
    from entrepairs.organisations.models import Organisation

    new = Organisation.objects.create(name="Agence Neuve", slug="neuve", kind="agency")
    response = api_for(ctx.coordinator).post(
        f"{API}/",
        {
            "organisation": str(ctx.w.org_a.pk),
            "agency": str(new.pk),
            "fields": ["first_name"],
            "purposes": {"first_name": "address the youth"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = SharingAgreement.objects.get(organisation=ctx.w.org_a, agency=new)
    assert created.fields == [] and created.proposed_fields == ["first_name"]


def _proposed(ctx: Any) -> None:
    from entrepairs.mentoring import services

    agreement = SharingAgreement.objects.get(pk=ctx.m.agreement.pk)
    wanted = _widened(ctx)
    agreement.fields, agreement.purposes = wanted["fields"], wanted["purposes"]
    services.agreement_save(agreement=agreement, by=ctx.coordinator)


def test_it_gives_both_channels_the_same_answers(ctx) -> None:
    """One table: who may change or answer, with the same status and message on each channel."""
    cases = [
        ("a case worker changes the agreement", SAVE_WRITE, "worker_b", _widened, FORBIDDEN),
        ("a coordinator widens it", SAVE_WRITE, "coordinator", _widened, OK),
        ("the agency narrows it", SAVE_WRITE, "coordinator_b", _without_phone, OK),
        (
            "a fact is shared without a purpose",
            SAVE_WRITE,
            "coordinator",
            lambda c: {"fields": ["school_level"], "purposes": {"school_level": ""}},
            Refused("Every shared fact needs a purpose: school_level."),
        ),
        (
            "nothing to answer",
            ACCEPT_WRITE,
            "coordinator_b",
            lambda c: {},
            Refused("There is no proposed change to answer."),
        ),
    ]
    for name, write, actor, args, expected in cases:
        page, api = run_both(ctx, write, getattr(ctx, actor), args(ctx))
        if expected == OK:  # the page's redirect and the API's answer both reached the service
            assert_same(expected, page, api, write)
        elif expected == FORBIDDEN:
            assert (page.status, api.status) == (403, 403), name
        else:
            if write is SAVE_WRITE:
                assert_same(expected, page, api, write)
            else:
                assert isinstance(expected, Refused)
                assert page.status == 200 and expected.message in page.text, name
                assert api.status == 400 and expected.message in api.text, name
                assert write.service in page.services and write.service in api.services
    _proposed(ctx)
    own = "The other party answers this proposal."
    page, api = run_both(ctx, ACCEPT_WRITE, ctx.coordinator, {})
    assert page.status == 200 and own in page.text
    assert api.status == 400 and own in api.text
    assert ACCEPT in page.services and ACCEPT in api.services
    # Positive control: the agency accepts on both channels.
    page, api = run_both(ctx, ACCEPT_WRITE, ctx.coordinator_b, {})
    assert (page.status, api.status) == (302, 200)


def test_it_lists_every_shareable_fact_on_the_form(ctx, client_for) -> None:
    text = (
        client_for(ctx.coordinator_b)
        .get(reverse("mentoring:agreement_edit", args=[ctx.m.agreement.pk]))
        .content.decode()
    )
    assert all(f"share_{name}" in text for name in SHAREABLE_FIELDS)
