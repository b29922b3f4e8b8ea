"""Issue 15 §6 and §9 in groups: a link is shown only to whom the target's rule lets follow it
("Bring a situation", "Calendar feeds"); removing a member asks for confirmation first (a page
that works without script), then acts on the POST."""

import pytest

from entrepairs.groups.models import GroupMember

pytestmark = pytest.mark.django_db


def test_it_shows_bring_a_situation_to_members_only(accepted, client_for) -> None:
    session = f"/groups/sessions/{accepted.future.pk}/"
    bring = f"/groups/sessions/{accepted.future.pk}/situations/new/"
    facilitator = client_for(accepted.w.facilitator)
    assert bring not in facilitator.get(session).content.decode()
    assert facilitator.get(bring).status_code == 403  # the rule the page asked
    member = client_for(accepted.w.professional)
    assert bring in member.get(session).content.decode()
    assert member.get(bring).status_code == 200


def test_it_shows_calendar_feeds_only_to_whom_may_have_one(world, client_for) -> None:
    # The platform administrator has an account and no person: no calendar of their own.
    admin = client_for(world.admin)
    assert "/groups/calendar/" not in admin.get("/groups/").content.decode()
    assert admin.get("/groups/calendar/").status_code == 403
    professional = client_for(world.professional)
    assert "/groups/calendar/" in professional.get("/groups/").content.decode()
    assert professional.get("/groups/calendar/").status_code == 200


def test_it_asks_before_removing_a_member(gw, client_for) -> None:
    member = gw.members[1]
    address = f"/groups/{gw.group.pk}/members/{member.pk}/remove/"
    client = client_for(gw.w.facilitator)
    detail = client.get(f"/groups/{gw.group.pk}/").content.decode()
    # The row's button opens the confirmation (a GET form: no script needed).
    assert f'<form method="get" action="{address}"' in detail

    question = client.get(address)
    assert question.status_code == 200
    html = question.content.decode()
    assert "Remove Colin Collegue from the group?" in html
    assert f'<form method="post" action="{address}"' in html and 'id="confirm-action"' in html
    assert f'id="confirm-back" href="/groups/{gw.group.pk}/"' in html
    still = GroupMember.objects.filter(pk=member.pk).exclude(status=GroupMember.Status.LEFT)
    assert still.exists()  # nothing happened yet

    assert client.post(address).status_code == 302
    assert not still.exists()


def test_a_member_may_not_open_the_confirmation_either(gw, client_for) -> None:
    address = f"/groups/{gw.group.pk}/members/{gw.members[1].pk}/remove/"
    assert client_for(gw.w.professional).get(address).status_code == 403
