"""Attendance signed electronically: a member signs on their phone with a drawn signature; the
facilitator hands their device round and collects a typed signature, is refused one for a member
marked absent, and downloads the attendance sheet PDF, whose text shows each signature and its
time (read with pypdf)."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def go(page: Page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state("load")
    page_check(page)


def draw(page: Page, selector: str) -> None:
    """A signature drawn with the mouse (the pad takes pointer events: finger, pen or mouse)."""
    box = page.locator(selector).bounding_box()
    assert box is not None
    x, y = box["x"], box["y"]
    page.mouse.move(x + 0.1 * box["width"], y + 0.7 * box["height"])
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(
            x + (0.1 + 0.07 * step) * box["width"],
            y + (0.7 - 0.5 * (step % 2)) * box["height"],
            steps=3,
        )
    page.mouse.up()


def test_members_sign_the_attendance_on_their_phone_and_on_the_facilitators_device(
    page: Page, world
) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.groups import services
    from entrepairs.groups.models import AttendanceSignature, Session
    from entrepairs.organisations.models import Membership, Role, Site
    from entrepairs.people.models import Person

    site = Site.objects.create(organisation=world.org_a, name="Siège Lille")
    email = "alice.arnaud@tutelle-nord.test"
    alice = Person.objects.create(
        organisation=world.org_a,
        first_name="Alice",
        last_name="Arnaud",
        email=email,
        user=User.objects.create_user(email, world.password),
    )
    Membership.objects.create(person=alice, organisation=world.org_a, role=Role.PROFESSIONAL)
    group = services.group_create(
        organisation=world.org_a,
        name="Supervision Lille",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    members = {
        p.pk: services.member_add(group=group, person=p, by=world.facilitator)
        for p in (world.professional, world.colleague, alice)
    }
    now = timezone.now()
    session = Session.objects.create(
        group=group,
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=30),
        site=site,
        room="Salle calme",
        is_founding=True,
    )
    services.attendance_record(
        session=session, marks={members[alice.pk].pk: "absent"}, by=world.facilitator
    )

    # 1. On her phone, the member signs with her finger (a drawn signature).
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/groups/sessions/{session.pk}/")
    page_check(page)
    go(page, "#sign-attendance")
    pad = page.locator("#signature-canvas").bounding_box()
    assert pad is not None and pad["x"] >= 0 and pad["x"] + pad["width"] <= 390
    draw(page, "#signature-canvas")
    expect(page.locator("#id_mode_0")).to_be_checked()  # drawing chose "I draw my signature"
    go(page, "#sign-button")
    expect(page.locator("#signatures")).to_contain_text(str(world.professional))
    mine = AttendanceSignature.objects.get(attendance__member=members[world.professional.pk])
    assert mine.method == "own_device" and mine.is_drawn
    sign_out(page)
    page_check(page)

    # 2. The facilitator's device: the colleague types her name; Alice, marked absent, is refused.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, world.facilitator.email, world.password)
    page_check(page)
    page.goto(f"/groups/sessions/{session.pk}/sign/")
    page_check(page)
    page.select_option("#id_member", str(members[alice.pk].pk))
    page.check("#id_mode_1")
    page.fill("#id_typed_name", "Alice Arnaud")
    go(page, "#sign-button")
    expect(page.locator("#member-error")).to_contain_text("Alice Arnaud")
    page.select_option("#id_member", str(members[world.colleague.pk].pk))
    page.check("#id_mode_1")
    page.fill("#id_typed_name", str(world.colleague))
    go(page, "#sign-button")
    expect(page.locator("#signatures")).to_contain_text(str(world.colleague))
    typed = AttendanceSignature.objects.get(attendance__member=members[world.colleague.pk])
    assert typed.method == "facilitator_device" and typed.typed_name == str(world.colleague)

    # 3. The attendance sheet shows each signature and its time.
    page.goto(f"/groups/sessions/{session.pk}/")
    page_check(page)
    with page.expect_download() as download:
        page.locator("#sheet-pdf").click()
    content = download.value.path().read_bytes()
    reader = PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Feuille d’émargement" in text and str(world.colleague) in text
    assert f"« {world.colleague} »" in text
    signed = timezone.localtime(mine.signed_at)
    signed_at = f"{signed.hour} h {signed.minute:02d}"  # French times: « 6 h 58 »
    assert f"à {signed_at} (sur son appareil)" in text and "signé le " in text, text
    assert "appareil de l’intervenant·e" in text
    assert len(reader.pages[0].images) == 1  # the drawn signature, as a picture
