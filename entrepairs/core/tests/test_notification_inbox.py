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
    (group,) = page.context["groups"]
    assert (group.kind, group.count, len(group.items)) == ("mentoring.mentor_application", 32, 20)
    assert group.label == "32 nouvelles candidatures de mentor"
    html = page.content.decode()
    assert "<summary>32 nouvelles candidatures de mentor</summary>" in html
    assert "Les plus récentes sont affichées, 32 en tout." in html
    # The other notification stays on its own line; the gathered ones are not listed twice.
    assert [n.pk for n in page.context["page"]] == [other.pk]
    assert html.count("Paul Robert 31") == 1


def test_a_few_notifications_of_one_kind_stay_on_their_own_lines(world, client_for):
    _applications(world, 2)
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    assert page.context["groups"] == []
    assert len(page.context["page"]) == 2


def test_read_notifications_are_not_gathered(world, client_for):
    for n in _applications(world, 3):
        n.mark_read()
    page = client_for(world.coordinator).get(reverse("notifications:list"))
    assert page.context["groups"] == [] and len(page.context["page"]) == 3


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
