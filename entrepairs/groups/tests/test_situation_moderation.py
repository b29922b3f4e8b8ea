"""Only its author changes a situation's text; its author or a facilitator withdraws it, and a
facilitator's withdrawal is audited and told to the author without any content (docs/groups.md).

Why: a security test found the facilitator could rewrite (PATCH → 200) and delete (204) situations
members wrote, silently. A situation's text is changed through the API only (no edit page); it is
withdrawn on the session page ("Withdraw this situation") or through the API, with one answer.
"""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.core.tests.parity import FORBIDDEN, HIDDEN, OK, Write, assert_same, run_both

from .. import services
from ..models import Situation

API = "/api/v1/groups/situations"


def _url(situation) -> str:  # type: ignore[no-untyped-def]
    return f"{API}/{situation.pk}/"


def test_it_refuses_the_facilitator_a_change_to_a_members_situation(accepted, api_for) -> None:
    response = api_for(accepted.w.facilitator).patch(
        _url(accepted.situation), {"episode": "tampered"}, format="json"
    )
    assert response.status_code == 403
    assert Situation.objects.get(pk=accepted.situation.pk).episode != "tampered"


def test_it_lets_the_author_change_her_situation(accepted, api_for) -> None:
    """Positive control of the refusals of a change."""
    response = api_for(accepted.w.professional).patch(
        _url(accepted.situation), {"episode": "Un autre épisode, reformulé."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Situation.objects.get(pk=accepted.situation.pk).episode == "Un autre épisode, reformulé."


def test_it_refuses_another_member_a_change_or_a_withdrawal(accepted, api_for) -> None:
    api = api_for(accepted.w.colleague)  # an active member who accepted the charter
    assert api.get(_url(accepted.situation)).status_code == 200  # she reads it
    assert api.patch(_url(accepted.situation), {"episode": "x"}, format="json").status_code == 403
    assert api.delete(_url(accepted.situation)).status_code == 403
    assert Situation.objects.filter(pk=accepted.situation.pk).exists()


def test_it_lets_the_author_withdraw_her_situation_without_telling_her(accepted, api_for) -> None:
    before = Notification.objects.count()
    assert api_for(accepted.w.professional).delete(_url(accepted.situation)).status_code == 204
    assert not Situation.objects.filter(pk=accepted.situation.pk).exists()
    assert Notification.objects.count() == before


def test_it_lets_the_facilitator_withdraw_a_situation_audited_and_told_to_the_author(
    accepted, api_for
) -> None:
    situation = accepted.situation
    assert api_for(accepted.w.facilitator).delete(_url(situation)).status_code == 204
    assert not Situation.objects.filter(pk=situation.pk).exists()
    entry = LogEntry.objects.get(object_pk=str(situation.pk), action=LogEntry.Action.DELETE)
    assert entry.actor == accepted.w.facilitator.user
    told = Notification.objects.get(recipient=accepted.w.professional.user)
    assert "withdrew" in told.subject
    assert told.link == reverse("groups:detail", args=[accepted.group.pk])
    for secret in (situation.title, situation.episode, situation.question):
        assert secret not in told.subject and secret not in told.body


def test_the_service_refuses_a_change_by_anyone_but_the_author(accepted) -> None:
    situation = accepted.situation
    kwargs = {
        "session": situation.session,
        "author": situation.author,
        "title": situation.title,
        "episode": "tampered",
        "question": situation.question,
        "situation": situation,
    }
    for by in (accepted.w.facilitator, None):
        with pytest.raises(ValidationError, match="Only its author"):
            services.situation_save(**kwargs, by=by)
    services.situation_save(**kwargs, by=accepted.w.professional)
    assert Situation.objects.get(pk=situation.pk).episode == "tampered"


def test_the_service_refuses_a_withdrawal_by_another_member(accepted) -> None:
    with pytest.raises(ValidationError, match="Only its author or a facilitator"):
        services.situation_delete(situation=accepted.situation, by=accepted.w.colleague)
    assert Situation.objects.filter(pk=accepted.situation.pk).exists()
    services.situation_delete(situation=accepted.situation, by=accepted.w.facilitator)
    assert not Situation.objects.filter(pk=accepted.situation.pk).exists()


def _withdraw_page(ctx, actor, args):  # type: ignore[no-untyped-def]
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client.post(f"/groups/situations/{ctx.situation.pk}/withdraw/")


def _withdraw_api(ctx, actor, args):  # type: ignore[no-untyped-def]
    return ctx.api_for(actor).delete(_url(ctx.situation))


WITHDRAW = Write(
    _withdraw_page, _withdraw_api, "entrepairs.groups.services.situation_delete", api_ok=204
)
WITHDRAWALS = {
    "another member": FORBIDDEN,  # she reads it, she may not withdraw it
    "the coordinator": HIDDEN,  # outside the group: no content at all
    "the author": OK,
    "the facilitator": OK,
}


@pytest.mark.parametrize("who", list(WITHDRAWALS))
def test_it_gives_the_same_answer_to_a_withdrawal_on_the_page_and_in_the_api(
    accepted, client, api_for, who
) -> None:
    from types import SimpleNamespace

    w = accepted.w
    actor = {
        "another member": w.colleague,
        "the coordinator": w.coordinator,
        "the author": w.professional,
        "the facilitator": w.facilitator,
    }[who]
    ctx = SimpleNamespace(client=client, api_for=api_for, situation=accepted.situation)
    page, api = run_both(ctx, WITHDRAW, actor, {})
    assert_same(WITHDRAWALS[who], page, api, WITHDRAW)


def test_it_offers_the_withdrawal_to_the_author_and_the_facilitator_only(
    accepted, client_for
) -> None:
    button = f'id="withdraw-{accepted.situation.pk}"'
    url = f"/groups/sessions/{accepted.past.pk}/"
    for who, shown in (
        (accepted.w.professional, True),
        (accepted.w.facilitator, True),
        (accepted.w.colleague, False),
    ):
        page = client_for(who).get(url).content.decode()
        assert (button in page) is shown, who
