"""A year that holds (issue 13 §3, §7), as a facilitator clicks it: moving a session to 1 May is
refused with the day named, then accepted once she confirms with a reason (shown on the session);
cancelling a session asks for a reason, sent to the members."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e


def go(page: Page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state("load")
    page_check(page)


def test_moving_to_the_1st_of_may_asks_a_reason_and_cancelling_asks_one_too(
    page: Page, world
) -> None:
    from entrepairs.core.models import Notification
    from entrepairs.groups import planning, services
    from entrepairs.groups.models import Session
    from entrepairs.organisations.models import Site

    site = Site.objects.create(organisation=world.org_a, name="Siège Lille")
    group = services.group_create(
        organisation=world.org_a,
        name="Supervision du printemps",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    services.member_add(group=group, person=world.professional, by=world.facilitator)
    start = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=10), time(14, 0))
    )
    session = Session.objects.create(
        group=group, starts_at=start, ends_at=start + timedelta(hours=3), site=site, room="A"
    )
    planning.renumber(group)
    may_day = date(timezone.localdate().year + 1, 5, 1)

    sign_in(page, world.facilitator.email, world.password)
    page_check(page)
    page.goto(f"/groups/sessions/{session.pk}/")
    page_check(page)
    expect(page.locator("#session-number")).to_contain_text("Séance n° 1 de l’année")

    # Moving it to 1 May: refused, the day and the holiday named next to the day field.
    go(page, "#move-session")
    page.fill("#id_day", may_day.isoformat())
    go(page, "#submit")
    error = page.locator("#id_day_error")
    expect(error).to_contain_text(f"Le 1er mai {may_day.year} est un jour férié (Fête du Travail)")
    # Confirmed without a reason: the reason is asked for.
    page.check("#id_confirm_holiday")
    go(page, "#submit")
    expect(page.locator("#id_holiday_reason_error")).to_contain_text("Donnez la raison")
    page.fill("#id_holiday_reason", "Seule date commune avant l'été")
    go(page, "#submit")
    expect(page).to_have_url(re.compile(rf"/groups/sessions/{session.pk}/$"))
    expect(page.locator("#holiday-reason")).to_have_text("Seule date commune avant l'été")
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at) == timezone.make_aware(
        datetime.combine(may_day, time(14, 0))
    )

    # Cancelling asks for a confirmation and a reason.
    go(page, "#cancel-session")
    go(page, "#confirm-cancel")
    expect(page.locator("#id_reason_error")).to_contain_text("Donnez le motif")
    session.refresh_from_db()
    assert session.status == "planned"
    page.fill("#id_reason", "L'animatrice est malade.")
    go(page, "#confirm-cancel")
    expect(page.locator("#session-status")).to_have_text("Annulée")
    expect(page.locator("#cancel-reason")).to_have_text("L'animatrice est malade.")
    told = Notification.objects.get(recipient=world.professional.user, subject__contains="annul")
    assert "L'animatrice est malade." in told.body
