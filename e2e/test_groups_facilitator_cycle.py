"""The facilitator's whole cycle: create a group, plan the year, hold the founding session, members
accept the charter, a member brings a situation (the identifying-data warning appears and the
text is pseudonymised), the session is recorded with a technique and attendance, and the yearly
attendance certificate PDF downloads. Time passing is simulated by moving sessions into the past."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import pick_people, pick_person, sign_in, sign_out

pytestmark = pytest.mark.e2e


def go(page: Page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state("load")
    page_check(page)


def _into_the_past(session, hours_ago: int) -> None:  # type: ignore[no-untyped-def]
    from entrepairs.groups.models import Session

    start = timezone.now() - timedelta(hours=hours_ago)
    Session.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=3)
    )


def test_it_walks_the_facilitator_through_a_whole_cycle(page: Page, world) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.groups import services
    from entrepairs.groups.catalogue import ensure_catalogue
    from entrepairs.groups.identifying import find_identifying
    from entrepairs.groups.models import Group, Technique
    from entrepairs.organisations.models import Membership, Role, Site
    from entrepairs.people.models import Person

    ensure_catalogue()  # an earlier browser test's flush may have emptied the seeded catalogue
    site = Site.objects.create(organisation=world.org_a, name="Siège Lille")
    people = [world.professional, world.colleague]
    for i, (first, last) in enumerate(
        [("Alice", "Arnaud"), ("Bruno", "Blanc"), ("Chloé", "Caron"), ("Denis", "Dumas")]
    ):
        email = f"{first.lower()}.{last.lower()}@tutelle-nord.test"
        person = Person.objects.create(
            organisation=world.org_a,
            first_name=first,
            last_name=last,
            email=email,
            user=User.objects.create_user(email, world.password),
            profession=["nurse", "educator", "tutor", "psychologist"][i],
        )
        Membership.objects.create(person=person, organisation=world.org_a, role=Role.PROFESSIONAL)
        people.append(person)
    fanny = world.facilitator

    # 1. The facilitator creates a supervision group and adds six members.
    sign_in(page, fanny.email, world.password)
    page_check(page)
    go(page, "nav.mainnav a[href='/groups/']")
    go(page, "#new-group")
    page.fill("#id_name", "Supervision des tuteurs")
    page.select_option("#id_kind", "supervision")
    page.select_option("#id_organisation", str(world.org_a.pk))
    pick_people(page, "#id_facilitators", "Fanny Facilitatrice", str(fanny.pk))
    go(page, "#submit")
    group = Group.objects.get(name="Supervision des tuteurs")
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/$"))
    for person in people:
        go(page, "#add-member")
        pick_person(page, "#id_person", f"{person.first_name} {person.last_name}", str(person.pk))
        go(page, "#submit")
    expect(page.locator("#member-rows tbody tr")).to_have_count(6)

    # 2. She plans the year: every third Tuesday afternoon, in a quiet room on site.
    go(page, "#plan-link")
    page.fill("#id_start", (timezone.localdate() + timedelta(days=1)).isoformat())
    page.select_option("#id_frequency", "monthly")
    page.select_option("#id_nth", "3")
    page.select_option("#id_weekday", "1")
    page.select_option("#id_site", str(site.pk))
    page.fill("#id_room", "Salle calme")
    go(page, "#preview-plan")
    expect(page.locator("#preview-dates li").first).to_be_visible()
    go(page, "#confirm-plan")
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/$"))
    sessions = list(group.sessions.order_by("starts_at"))
    assert 6 <= len(sessions) <= 24 and sessions[0].is_founding

    # 3. The founding session takes place: attendance (keyboard) and the membership closes.
    founding, second = sessions[0], sessions[1]
    _into_the_past(founding, hours_ago=5)
    page.goto(f"/groups/sessions/{founding.pk}/")
    page_check(page)
    go(page, "#record-attendance")
    first_member = group.members.order_by("person__last_name").first()
    assert first_member is not None
    page.locator(f"#status_{first_member.pk}_present").focus()
    page.keyboard.press("ArrowRight")  # present -> excused, as a keyboard user would
    expect(page.locator(f"#status_{first_member.pk}_excused")).to_be_checked()
    go(page, "#save-attendance")
    page.goto(f"/groups/{group.pk}/")
    page_check(page)
    go(page, "#found-group")
    go(page, "#confirm-action")  # it asks first (issue 15 §9)
    group.refresh_from_db()
    assert group.status == "founded"
    sign_out(page)
    page_check(page)

    # 4. Members accept the charter (Paula in the browser, the others in the app too).
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/groups/{group.pk}/")
    page_check(page)
    go(page, "#charter-link")
    go(page, "#accept-charter")
    for member in group.members.exclude(person=world.professional):
        services.charter_accept(member=member)

    # 5. Paula brings a situation: the warning appears, pseudonyms replace the names. The live
    # server shares this process: load the French model now, not while the page waits on it.
    find_identifying("Lucas")
    page.goto(f"/groups/sessions/{second.pk}/")
    page_check(page)
    go(page, "#bring-situation")
    page.fill("#id_title", "Une visite interrompue")
    page.fill("#id_episode", "J'ai reçu Mme Lefebvre et son fils Kevin, né le 12/03/2012.")
    page.fill("#id_question", "Comment reprendre le lien ?")
    go(page, "#save-situation")
    expect(page.locator("#identifying-warning")).to_be_visible()
    go(page, "#pseudonymise")
    episode = page.locator("#id_episode").input_value()
    assert "Lefebvre" not in episode and "Kevin" not in episode and "12/03/2012" not in episode
    go(page, "#save-situation")
    expect(page).to_have_url(re.compile(rf"/groups/sessions/{second.pk}/$"))
    expect(page.locator("main")).to_contain_text("Une visite interrompue")
    sign_out(page)
    page_check(page)

    # 6. The session takes place; the facilitator records the technique and attendance.
    _into_the_past(second, hours_ago=4)
    situation = second.situations.get()
    gease = Technique.objects.get(slug="gease", organisation=None)
    sign_in(page, fanny.email, world.password)
    page_check(page)
    page.goto(f"/groups/sessions/{second.pk}/")
    page_check(page)
    go(page, "#record-session")
    page.check(f"#worked_{situation.pk}")
    page.select_option(f"#technique_{situation.pk}", str(gease.pk))
    page.check(f"input[name=techniques][value='{gease.pk}']")
    page.fill("#id_theory_input", "Le triangle dramatique de Karpman")
    go(page, "#save-record")
    expect(page.locator("main")).to_contain_text("GEASE")
    go(page, "#record-attendance")
    go(page, "#save-attendance")
    second.refresh_from_db()
    assert second.status == "held" and second.attendance.count() == 6

    # 7. The yearly attendance certificate downloads, with the facilitator's name.
    page.goto(f"/groups/{group.pk}/")
    page_check(page)
    member = group.members.get(person=world.professional)
    with page.expect_download() as download:
        page.locator(f"#member-{member.pk} a.certificate-link").click()
    content = download.value.path().read_bytes()
    assert content.startswith(b"%PDF") and b"Fanny Facilitatrice" in content
