"""Every demo role's home page and the densest pages, in French, on a phone (390 px) and a desktop
(1280 px): nothing scrolls sideways, no text is cut, nothing is below AA contrast (focus outlines
included) and, on the phone, every control is a 44 px target. The menu folds away on a phone and
opens with a tap. Screenshots go to var/screenshots/ for a reviewer (phone-*.png)."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out
from .layout_checks import (
    clipped_text,
    contrast_failures,
    horizontal_overflow,
    small_tap_targets,
    truncated_choices,
)

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
ROLES = (
    "coordinator",
    "manager",
    "professional",
    "facilitator",
    "case_worker",
    "newcomer",
    "admin",
)


def _dense_pages() -> dict[str, str]:
    """The pages with the most on them, from the demo world: people, a group, a youth's file, a
    match and its programme's matching page, an onboarding journey, the audit trail."""
    from entrepairs.groups.models import Group
    from entrepairs.mentoring.models import Match, Youth
    from entrepairs.onboarding.models import Journey

    pages = {"home": "/", "people": "/people/", "audit": "/audit/"}
    group = Group.objects.order_by("name").first()
    youth = Youth.objects.order_by("pk").first()
    match = Match.objects.order_by("pk").first()
    journey = Journey.objects.order_by("pk").first()
    assert group and youth and match and journey, "the demo world lacks a record to look at"
    pages["group"] = f"/groups/{group.pk}/"
    pages["youth"] = f"/mentoring/youths/{youth.pk}/"
    pages["match"] = f"/mentoring/matches/{match.pk}/"
    pages["matching"] = f"/mentoring/programmes/{match.programme_id}/matching/"
    pages["journey"] = f"/onboarding/journeys/{journey.pk}/"
    return pages


def _problems_on(page: Page, label: str, *, phone: bool) -> list[str]:
    found = horizontal_overflow(page) + clipped_text(page) + contrast_failures(page)
    if phone:
        found += small_tap_targets(page)
    return [f"{label}: {problem}" for problem in found]


def test_it_lays_out_each_roles_pages_for_a_phone_and_a_desktop(page: Page) -> None:
    from entrepairs.demo.tests import replay

    world = replay.load_small()
    logins = {login.role: login for login in world.logins}
    pages = _dense_pages()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    checked: dict[str, list[str]] = {}
    for role in ROLES:
        sign_in(page, logins[role].email, logins[role].password)
        expect(page.locator("h1")).to_contain_text("Bonjour")
        page_check(page)
        # And the first two records the role's own home page lists (its own youths, sessions...).
        own = page.eval_on_selector_all(
            "[data-block] .home-lines a", "links => links.map(a => a.getAttribute('href'))"
        )
        mine = dict(pages)
        for number, href in enumerate(dict.fromkeys(h for h in own if h not in pages.values())):
            if number == 2:
                break
            mine[f"from-home-{number + 1}"] = href
        for name, url in mine.items():
            response = page.goto(url)
            page_check(page)
            assert response is not None
            if response.status in (403, 404):
                continue  # not this role's page: what it may open is the crawl's business
            assert response.status == 200, (role, url, response.status)
            checked.setdefault(role, []).append(name)
            for width_name, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                label = f"{role} {name} {url} at {width} px"
                problems += _problems_on(page, label, phone=width_name == "phone")
                page.screenshot(
                    path=str(SCREENSHOTS / f"layout-{role}-{name}-{width}.png"), full_page=True
                )
            page.set_viewport_size({"width": 1280, "height": 900})
        sign_out(page)
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        page_check(page)
    # Each role saw its home page and at least one dense page; the coordinator, most of them.
    assert all(len(checked.get(role, [])) >= 2 for role in ROLES), checked
    assert len(checked["coordinator"]) >= 6, checked["coordinator"]
    assert problems == [], f"{len(problems)} layout problems:\n" + "\n".join(problems)


def test_it_folds_the_menu_away_on_a_phone_and_opens_it_with_a_tap(page: Page, world) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    header = page.locator("header.topbar")
    people = header.get_by_role("link", name="Personnes")
    toggle = header.locator("summary", has_text="Menu")
    expect(toggle).to_be_visible()
    expect(people).to_be_hidden()
    box = header.bounding_box()
    assert box is not None
    height = box["height"]
    assert height <= 844 / 8, f"the folded header is {height} px high on an 844 px screen"
    assert small_tap_targets(page) == []
    page.screenshot(path=str(SCREENSHOTS / "menu-closed-390.png"))

    toggle.click()
    expect(people).to_be_visible()
    expect(header.get_by_role("link", name=re.compile("^Notifications"))).to_be_visible()
    expect(header.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert horizontal_overflow(page) == []
    assert small_tap_targets(page) == []
    page.screenshot(path=str(SCREENSHOTS / "menu-open-390.png"))
    people.click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    page_check(page)
    # On a desktop the menu is always there, without a toggle.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(header.locator("summary")).to_be_hidden()
    expect(header.get_by_role("link", name="Personnes")).to_be_visible()
    box = header.bounding_box()
    assert box is not None and box["height"] <= 100  # two lines at most, the links in view


# Faults made through the CSS object model (the Content-Security-Policy allows it, not <style>).
_FAULTS = """() => {
  const main = document.querySelector('main');
  const wide = document.createElement('div');
  wide.id = 'too-wide'; wide.textContent = 'large'; wide.style.width = '600px';
  const cut = document.createElement('p');
  cut.id = 'cut'; cut.textContent = 'Un texte bien trop long pour sa boîte étroite';
  Object.assign(cut.style, {width: '60px', overflow: 'hidden', whiteSpace: 'nowrap'});
  const pale = document.createElement('p');
  pale.id = 'pale'; pale.textContent = 'Gris pâle'; pale.style.color = '#aaaaaa';
  const tiny = document.createElement('button');
  tiny.id = 'tiny'; tiny.type = 'button'; tiny.textContent = 'x';
  tiny.style.setProperty('min-height', '0', 'important'); tiny.style.setProperty('min-width', '0', 'important');
  tiny.style.setProperty('height', '20px', 'important'); tiny.style.setProperty('padding', '0', 'important');
  // A name in a list, followed by its role: a target of its own (not a link in a sentence).
  const list = document.createElement('ul');
  const item = document.createElement('li');
  const listed = document.createElement('a');
  listed.id = 'listed'; listed.href = '#'; listed.textContent = 'Camille Martin';
  listed.style.setProperty('display', 'inline', 'important');
  listed.style.setProperty('min-height', '0', 'important');
  item.append(listed, ' — coordinatrice');
  list.append(item);
  // A link inside a sentence keeps the line's height: not a fault.
  const sentence = document.createElement('p');
  const inline = document.createElement('a');
  inline.id = 'inline'; inline.href = '#'; inline.textContent = 'la charte';
  sentence.append('Lisez ', inline, ' avant de commencer la séance.');
  main.prepend(wide, cut, pale, tiny, list, sentence);
  tiny.style.setProperty('outline-color', '#eeeeee', 'important');
}"""


def test_it_finds_each_kind_of_problem_it_checks_for(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/")
    page_check(page)
    # The sign-in page itself is clean...
    assert horizontal_overflow(page) == []
    assert clipped_text(page) == []
    assert small_tap_targets(page) == []
    assert contrast_failures(page) == []
    # ...and each fault made in it is found, named by its element.
    page.evaluate(_FAULTS)
    assert any("div#too-wide" in p for p in horizontal_overflow(page)), horizontal_overflow(page)
    assert any(p.startswith("p#cut") for p in clipped_text(page)), clipped_text(page)
    targets = small_tap_targets(page)
    assert any(p.startswith("button#tiny") for p in targets), targets
    assert any(p.startswith("a#listed") for p in targets), targets
    assert not any(p.startswith("a#inline") for p in targets), targets
    contrast = contrast_failures(page)
    assert any(p.startswith("p#pale") and "under 4.5:1" in p for p in contrast), contrast
    assert any(p.startswith("button#tiny") and "focus outline #eeeeee" in p for p in contrast)


def test_links_in_lists_and_tables_are_44_px_targets_on_a_phone(page: Page) -> None:
    """Issue 15 §8: the names in the people list, the groups list and the notifications (links in
    a table cell or a list item, words after them) are 44 px targets on a phone, from one rule of
    app.css; a link inside a sentence keeps the line's height."""
    from entrepairs.demo.tests import replay

    world = replay.load_small()
    coordinator = {login.role: login for login in world.logins}["coordinator"]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, coordinator.email, coordinator.password)
    page_check(page)
    problems: list[str] = []
    for url in ("/people/", "/groups/", "/notifications/", "/"):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page_check(page)
        links = page.locator("main td a[href], main li a[href]")
        assert links.count() > 0, f"{url}: no link in a list or a table to measure"
        box = links.first.bounding_box()
        assert box is not None and box["height"] >= 44, (url, box)
        problems += [f"{url}: {p}" for p in small_tap_targets(page)]
        page.screenshot(path=str(SCREENSHOTS / f"targets-{url.strip('/') or 'home'}-390.png"))
    assert problems == [], "\n".join(problems)


def test_the_group_composition_form_has_44_px_tick_boxes_and_buttons_on_a_phone(
    page: Page,
) -> None:
    """Outside test F19: on the group composition page, the candidates' tick boxes (a table row,
    a card on a phone, the name in another cell) were 24 px. Every button, tick box and field of
    the form, before and after groups are proposed, is a 44 px target; a tick box counts its
    label only when the label is next to it (layout_checks)."""
    from entrepairs.demo import generator

    world = generator.load_small()
    coordinator = {login.role: login for login in world.logins}["coordinator"]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, coordinator.email, coordinator.password)
    page_check(page)
    page.goto("/groups/compose/")
    page_check(page)
    ticks = page.locator("#candidates-table td > input[type=checkbox]")
    assert ticks.count() >= 12
    assert page.locator("form button[type=submit]").count() >= 1
    assert small_tap_targets(page) == []
    page.screenshot(path=str(SCREENSHOTS / "targets-compose-390.png"))

    page.select_option("#id_organisation", index=1)
    page.fill("#id_name", "Essai")
    page.fill("#id_facilitators", "a")
    page.locator("#id_facilitators_list [role=option]").first.click()
    hard = page.locator("input[name=hard_questions]")
    if hard.is_checked():
        hard.uncheck()
    for number in range(12):
        ticks.nth(number).check()
    page.click("#propose")
    expect(page.locator("#h-proposal")).to_be_visible()
    page_check(page)
    assert page.locator("#proposed-1 input[type=number]").count() > 0
    problems = small_tap_targets(page)
    page.screenshot(path=str(SCREENSHOTS / "targets-compose-proposed-390.png"), full_page=True)
    assert problems == [], "\n".join(problems)


def test_a_long_choice_is_written_out_in_full_on_a_phone(page: Page) -> None:
    """Outside test F20: a list box shows its chosen option on one line, and a long name or label
    («Groupe d’analyse de la pratique (APP)», a long profession) was cut on a phone. app.js writes
    the chosen option out under the box when it does not fit; every list box of the page is
    tried with its longest option."""
    from entrepairs.demo import generator

    world = generator.load_small()
    coordinator = {login.role: login for login in world.logins}["coordinator"]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, coordinator.email, coordinator.password)
    page_check(page)
    page.goto("/groups/compose/")
    page_check(page)
    boxes = page.locator("main select:not([multiple])")
    assert boxes.count() >= 3
    tried = 0
    for number in range(boxes.count()):
        box = boxes.nth(number)
        if not box.is_visible():
            continue
        texts = box.evaluate("el => Array.from(el.options, o => o.text)")
        longest = max(texts, key=len)
        box.select_option(label=longest)
        tried += 1
        assert truncated_choices(page) == [], longest
    assert tried >= 3
    # « Groupe d’analyse de la pratique (APP) » does not fit a 390 px box: written out under it.
    echo = page.locator("#id_kind + .choice-full")
    expect(echo).to_be_visible()
    expect(echo).to_contain_text("analyse de la pratique")
    page.screenshot(path=str(SCREENSHOTS / "long-choices-compose-390.png"), full_page=True)


# A 200-character title without a space (outside test of #16: the event page's heading ran off
# the screen). Each record is made through its service, as a host would.
LONG_TITLE = "Formation" + "x" * 191


def _records_with_a_long_title(world: Any) -> dict[str, str]:
    from datetime import timedelta

    from django.utils import timezone

    from entrepairs.core.services import SYSTEM
    from entrepairs.events import services as events
    from entrepairs.groups import services as groups
    from entrepairs.networks import services as networks
    from entrepairs.training import services as training
    from entrepairs.training.models import TrainingModule

    starts = timezone.now() + timedelta(days=7)
    event = events.event_create(
        by=SYSTEM,
        organisation=world.org_a,
        kind="meeting",
        title=LONG_TITLE,
        place="Lille",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    network = networks.network_create(
        organisation=world.org_a, name=LONG_TITLE, level="regional", by=world.coordinator
    )
    group = groups.group_create(
        organisation=world.org_a,
        name=LONG_TITLE,
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    module = training.module_save(
        module=TrainingModule(organisation=world.org_a, name=LONG_TITLE), by=SYSTEM
    )
    return {
        "event": f"/events/{event.pk}/",
        "network": f"/networks/{network.pk}/",
        "group": f"/groups/{group.pk}/",
        "training module": f"/training/modules/{module.pk}/",
    }


def test_a_long_unbroken_title_wraps_on_a_phone(page: Page, world: Any) -> None:
    pages = _records_with_a_long_title(world)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    wide: list[str] = []
    for name, url in pages.items():
        response = page.goto(url)
        assert response is not None and response.status == 200, (name, url)
        page_check(page)
        expect(page.locator("h1")).to_contain_text(LONG_TITLE[:40])
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll > inner:
            wide.append(f"{name} {url}: {scroll} px wide on a {inner} px screen")
        page.screenshot(path=str(SCREENSHOTS / f"long-title-{name.replace(' ', '-')}-390.png"))
    assert wide == []


def test_the_menu_leads_to_the_training_catalogue_and_my_trainings(page: Page, world: Any) -> None:
    """The catalogue was reachable from the mentoring pages only: the main menu has it for whoever
    runs an organisation's training, and « Mes formations » for every person."""
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    menu = page.locator("nav.mainnav")
    menu.get_by_role("link", name="Catalogue des formations").click()
    expect(page).to_have_url(re.compile(r"/training/$"))
    page_check(page)
    expect(page.locator("h1")).to_be_visible()
    menu.get_by_role("link", name="Mes formations").click()
    expect(page).to_have_url(re.compile(r"/training/mine/$"))
    page_check(page)
    sign_out(page)
    page_check(page)
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    expect(menu.get_by_role("link", name="Mes formations")).to_be_visible()
    expect(menu.get_by_role("link", name="Catalogue des formations")).to_have_count(0)
