"""Notifications that can be acted on: gathered by kind when there are many, each opened through
its link (which marks it read), dates in French, the same in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.core.notifications import notify
from entrepairs.core.tests.notifying import EXAMPLE, LINK
from entrepairs.mentoring import notification_kinds as mentoring_kinds

pytestmark = pytest.mark.django_db


def _applications(world, n: int) -> list[Notification]:  # type: ignore[no-untyped-def]
    return [
        notify(
            recipient=world.coordinator.user,
            kind=mentoring_kinds.MENTOR_APPLICATION,
            subject=f"Nouvelle candidature de mentor : Paul Robert {i}",
            body="Une candidature attend sa sélection.",
            link=f"/people/?q={i}",
            email=False,
            organisation=world.org_a,
            # An application asks to act on its record (core.notifications.resolve); any stands in.
            about=world.coordinator,
        )
        for i in range(n)
    ]


def _one(world, **extra) -> Notification:  # type: ignore[no-untyped-def]
    fields = {
        "recipient": world.coordinator.user,
        "kind": EXAMPLE,
        "subject": "Réunion de Claire",
        "body": "Jeudi.",
        "link": LINK,
        "email": False,
        "organisation": world.org_a,
    } | extra
    return notify(**fields)


def test_many_notifications_of_one_kind_are_gathered_in_one_expandable_line(world, client_for):
    _applications(world, 32)
    other = _one(world)
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    (group,) = page.context["inbox"].unread_groups
    assert (group.kind, group.count, len(group.items)) == ("mentoring.mentor_application", 32, 20)
    assert group.label == "32 nouvelles candidatures de mentor"
    html = page.content.decode()
    assert "<summary>32 nouvelles candidatures de mentor</summary>" in html
    assert "Les plus récentes sont affichées, 32 en tout." in html
    # The other notification stays on its own line; the gathered ones are not listed twice.
    assert [n.pk for n in page.context["inbox"].unread] == [other.pk]
    assert html.count("Paul Robert 31") == 1


def test_a_few_notifications_of_one_kind_stay_on_their_own_lines(world, client_for):
    _applications(world, 2)
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    assert page.context["inbox"].unread_groups == []
    assert len(page.context["inbox"].unread) == 2


def test_read_notifications_are_gathered_too_and_closed(world, client_for):
    """Outside test F5: 27 read « Nouvelle candidature de mentor » lines were listed one by one."""
    for n in _applications(world, 27):
        n.mark_read()
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    inbox = page.context["inbox"]
    (group,) = inbox.read_groups
    assert (group.count, group.open) == (27, False)
    assert list(page.context["page"]) == [] and inbox.unread_count == 0
    assert 'name="kind"' not in page.content.decode()  # nothing to mark read there


def test_unread_come_first_even_when_older_and_a_small_group_is_open(world, client_for):
    """Outside test F5: unread notifications needing an action were on page 2, behind read ones,
    and the gathered unread ones were the collapsed ones."""
    waiting = _applications(world, 3)  # the oldest, unread
    read = _applications(world, 40)
    for n in read:
        n.mark_read()
    late = _one(world)
    late.mark_read()
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    inbox = page.context["inbox"]
    (group,) = inbox.unread_groups
    assert group.open and {n.pk for n in group.items} == {n.pk for n in waiting}
    html = page.content.decode()
    assert html.index(f'id="n-{waiting[0].pk}"') < html.index(f'id="n-{read[-1].pk}"')
    assert html.index('id="unread-heading"') < html.index('id="read-heading"')
    assert (
        '<details class="notification-group" data-kind="mentoring.mentor_application" open>' in html
    )
    # The read ones of one kind gathered in one closed line; the single read one listed.
    assert [g.count for g in inbox.read_groups] == [40]
    assert [n.pk for n in page.context["page"]] == [late.pk]


def test_many_unread_stay_gathered_closed(world, client_for):
    _applications(world, 6)
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    (group,) = page.context["inbox"].unread_groups
    assert not group.open


def test_the_inbox_reads_in_a_bounded_number_of_queries(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(ctx.captured_queries)

    _applications(world, 4)
    for _i in range(3):
        _one(world).mark_read()
    small = count()  # a line of each part, unread and read
    for n in _applications(world, 30):
        n.mark_read()
    for _i in range(8):
        _one(world)
    assert count() == small


def test_each_notification_names_who_and_links_to_its_record_with_a_french_date(world, client_for):
    note = _one(world)
    html = client_for(world.coordinator).get(reverse("notifications:list")).content.decode()
    opened = reverse("notifications:open", args=[note.pk])
    assert f'<a href="{opened}"><strong>Réunion de Claire</strong></a>' in html
    local = note.created_at.astimezone()
    assert str(local.year) in html and "/" + str(local.year) not in html  # no 03/12/2026
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
    months += ["septembre", "octobre", "novembre", "décembre"]
    assert any(f" {month} {local.year}" in html for month in months)


def test_opening_a_notification_follows_its_link_and_marks_it_read(world, client_for):
    note = _one(world, link="/people/")
    client = client_for(world.coordinator)
    answer = client.get(reverse("notifications:open", args=[note.pk]))
    assert answer.status_code == 302 and answer["Location"] == "/people/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert client.get("/").context["unread_notifications"] == 0


def test_nobody_opens_another_users_notification(world, client_for):
    note = _one(world)
    answer = client_for(world.professional).get(reverse("notifications:open", args=[note.pk]))
    assert answer.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_a_group_is_marked_read_without_the_other_notifications(world, client_for):
    _applications(world, 3)
    other = _one(world)
    client = client_for(world.coordinator)
    answer = client.post(
        reverse("notifications:read_all"), {"kind": "mentoring.mentor_application"}
    )
    assert answer.status_code == 302
    unread = Notification.objects.filter(recipient=world.coordinator.user, read_at=None)
    assert list(unread) == [other]


def test_every_notification_has_a_kind_and_a_link_to_the_site(world):
    with pytest.raises(ValueError, match="links to the record"):
        _one(world, link="")
    with pytest.raises(ValueError, match="links to the record"):
        _one(world, link="//elsewhere.example/")
    with pytest.raises(TypeError, match="kind"):
        notify(  # type: ignore[call-arg]
            recipient=world.coordinator.user,
            subject="s",
            body="b",
            link=LINK,
            organisation=world.org_a,
        )
    assert _one(world).kind == "tests.example"  # positive control


def test_the_header_and_the_inbox_share_one_name(world, client_for):
    html = client_for(world.coordinator).get("/").content.decode()
    assert ">\n          Notifications" in html or "Notifications</a>" in html
    assert "Boîte de réception" not in html and "Inbox" not in html


def test_the_api_lists_kinds_and_links_gathers_groups_and_marks_read(world, api_for):
    _applications(world, 3)
    note = _one(world)
    api = api_for(world.coordinator)
    listed = api.get("/api/v1/notifications/").json()["results"]
    assert {row["kind"] for row in listed} == {"mentoring.mentor_application", "tests.example"}
    assert all(row["link"].startswith("/") for row in listed)
    groups = api.get("/api/v1/notifications/groups/").json()
    assert [(g["kind"], g["count"], len(g["items"])) for g in groups] == [
        ("mentoring.mentor_application", 3, 3)
    ]
    assert groups[0]["title"] == "3 nouvelles candidatures de mentor"
    read = api.post(f"/api/v1/notifications/{note.pk}/read/")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    # Another user's notification is unknown to the API.
    other = api_for(world.professional)
    assert other.post(f"/api/v1/notifications/{note.pk}/read/").status_code == 404
    assert other.get("/api/v1/notifications/groups/").json() == []


# -- the headline: who the notification is about, in the app only (issue 15 point 2) ----------


def _about_a_youth(world) -> Notification:  # type: ignore[no-untyped-def]
    return _one(
        world,
        subject="Un jumelage demande votre attention",
        title="Jumelage Lina M. – Paul R. : à suivre",
        body="Ouvrez-le dans Entrepairs.",
    )


def test_the_inbox_and_the_home_page_show_the_title_naming_who(world, client_for):
    note = _about_a_youth(world)
    client = client_for(world.coordinator)
    html = client.get(reverse("notifications:list")).content.decode()
    opened = reverse("notifications:open", args=[note.pk])
    assert f'<a href="{opened}"><strong>Jumelage Lina M. – Paul R. : à suivre</strong></a>' in html
    assert "Un jumelage demande votre attention" not in html
    assert (
        "Jumelage Lina M. – Paul R. : à suivre" in client.get(reverse("dashboard")).content.decode()
    )


def test_the_title_is_never_e_mailed_and_the_subject_heads_a_notification_without_one(world):
    note = _about_a_youth(world)
    subject, text = note.email_text()
    assert "Lina" not in subject + text
    assert subject == "[Entrepairs] Un jumelage demande votre attention"
    assert _one(world).headline == "Réunion de Claire"


def test_a_long_title_is_cut_to_its_column_not_refused(world):
    note = _one(world, title="Jumelage " + "Lina M., " * 40)
    assert len(note.title) == 200 and note.title.endswith("…")


def test_the_api_gives_the_title_beside_the_subject(world, api_for):
    note = _about_a_youth(world)
    row = api_for(world.coordinator).get(f"/api/v1/notifications/{note.pk}/").json()
    assert row["title"] == "Jumelage Lina M. – Paul R. : à suivre"
    assert row["subject"] == "Un jumelage demande votre attention"
    assert _one(world).title == ""
