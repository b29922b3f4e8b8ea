"""A notification links to its record only while its reader may open it (outside test of issue
15: removed from the group, match closed, moved organisation → the link led to a 404). The
inbox, the home page and the API show the notification without a link and say why; opening it
leads back to the inbox. The link shown always agrees with what the page itself answers."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve, reverse

from entrepairs.core.link_access import TARGETS, declared
from entrepairs.core.models import Notification
from entrepairs.core.notifications import notify
from entrepairs.groups import notification_kinds as group_kinds
from entrepairs.groups.models import Group, GroupMember
from entrepairs.organisations.viewer import forget_viewer

pytestmark = pytest.mark.django_db

LOST_FR = "Vous n’avez plus accès à cette fiche."
LOST_EN = "You no longer have access to this record."


def _about_group(world, reader, group) -> Notification:  # type: ignore[no-untyped-def]
    return notify(
        recipient=reader.user,
        kind=group_kinds.CHARTER_CHANGED,
        subject="La charte du groupe a changé",
        body="Relisez-la.",
        link=reverse("groups:detail", args=[group.pk]),
        email=False,
        organisation=world.org_a,
        about=group,
    )


@pytest.fixture
def group_world(world):  # type: ignore[no-untyped-def]
    group = Group.objects.create(organisation=world.org_a, name="Groupe Lille", kind="supervision")
    member = GroupMember.objects.create(group=group, person=world.professional, status="active")
    world.group, world.member = group, member
    return world


def _inbox_links(client) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    page = client.get(reverse("notifications:list"))
    shown = [*page.context["inbox"].unread, *page.context["page"].object_list]
    return {str(n.pk): n.link_open for n in shown}


def _leave_group(w) -> None:  # type: ignore[no-untyped-def]
    GroupMember.objects.filter(pk=w.member.pk).update(status="left")


def _group_deleted(w) -> None:  # type: ignore[no-untyped-def]
    Group.objects.filter(pk=w.group.pk).delete()


def _coordinator_moves(w) -> None:  # type: ignore[no-untyped-def]
    """The coordinator of the group's organisation now works for another one."""
    w.coordinator.memberships.update(organisation=w.org_b)
    type(w.coordinator).objects.filter(pk=w.coordinator.pk).update(organisation=w.org_b)


@pytest.mark.parametrize(
    ("reader", "lose_access"),
    [
        pytest.param("professional", _leave_group, id="removed from the group"),
        pytest.param("professional", _group_deleted, id="record deleted"),
        pytest.param("coordinator", _coordinator_moves, id="moved organisation"),
    ],
)
def test_a_link_the_reader_may_no_longer_follow_is_not_shown(
    group_world, client_for, reader, lose_access
):  # type: ignore[no-untyped-def]
    w = group_world
    person = getattr(w, reader)
    n = _about_group(w, person, w.group)
    client = client_for(person)
    assert _inbox_links(client) == {str(n.pk): True}
    assert client.get(n.link).status_code == 200

    lose_access(w)
    forget_viewer(person.user)
    assert client.get(n.link).status_code == 404  # what the tester met
    assert _inbox_links(client) == {str(n.pk): False}
    html = client.get(reverse("notifications:list")).content.decode()
    assert LOST_FR in html
    opening = f'href="{reverse("notifications:open", args=[n.pk])}"'
    assert opening not in html
    # The home page's block: the headline without a link, and the note.
    home = client.get(reverse("dashboard")).content.decode()
    assert LOST_FR in home and opening not in home
    # Opening it anyway (an old bookmark) leads to the inbox, which says why.
    opened = client.get(reverse("notifications:open", args=[n.pk]), follow=True)
    assert opened.redirect_chain[-1][0] == reverse("notifications:list")
    assert LOST_FR in opened.content.decode()


def test_the_api_gives_no_link_and_says_why_in_the_readers_language(group_world, client_for):
    w = group_world
    n = _about_group(w, w.professional, w.group)
    GroupMember.objects.filter(pk=w.member.pk).update(status="left")
    client = client_for(w.professional)
    for language, note in (("fr", LOST_FR), ("en", LOST_EN)):
        rows = client.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language).json()
        row = next(r for r in rows["results"] if r["id"] == str(n.pk))
        assert (row["link"], row["link_note"]) == ("", note)


def test_the_english_inbox_says_so_in_english(group_world, client_for, english_messages):
    w = group_world
    _about_group(w, w.professional, w.group)
    GroupMember.objects.filter(pk=w.member.pk).update(status="left")
    client = client_for(w.professional)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert LOST_EN in html


def test_the_link_shown_agrees_with_the_page_for_every_reader(group_world, client_for):
    """Whoever reads it (member, another organisation's coordinator, a colleague outside the
    group), the inbox shows the link exactly when the page opens."""
    w = group_world
    for reader in (w.professional, w.coordinator, w.coordinator_b, w.colleague):
        n = _about_group(w, reader, w.group)
        client = client_for(reader)
        shown = _inbox_links(client)[str(n.pk)]
        assert shown == (client.get(n.link).status_code == 200), reader


# Modules that send notifications, and the helpers that wrap notify().
_SENDS = re.compile(r"\b(notify|_notify_people|_notify_team|_notify_members)\(")
_REVERSED = re.compile(r'reverse\(\s*"([a-z_]+:[a-z_]+)",\s*args=')
_WRITTEN = re.compile(r'link=f"(/[^"]+)"')


def test_every_record_page_a_notification_links_to_says_who_may_open_it():
    """A notification linking to a record page (a path with an id) must come with the page's
    access declared (core.link_access.link_target), else a lost access could not be seen."""
    root = Path(__file__).resolve().parents[2]
    undeclared = []
    for source in root.rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts:
            continue
        text = source.read_text()
        if not _SENDS.search(text):
            continue
        paths = [_path(name) for name in _REVERSED.findall(text)]
        paths += [re.sub(r"\{[^}]+\}", str(uuid.uuid4()), p) for p in _WRITTEN.findall(text)]
        for path in paths:
            try:
                resolve(path)
            except Resolver404:
                continue
            if not declared(path):
                undeclared.append((source.name, path))
    assert not undeclared, undeclared
    assert "mentoring:match" in TARGETS and "casework:decision" in TARGETS


def _path(name: str) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse(name, args=[uuid.uuid4()])
    except NoReverseMatch:
        return reverse(name, args=[1])
