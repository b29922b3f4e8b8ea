"""Steps that several browser stories share: signing in and out, submitting, TOTP codes."""

import base64
import hashlib
import hmac
import re
import struct
import time
from typing import Any

from playwright.sync_api import Locator, Page

from .axe import page_check


def totp_code(secret: str, *, at: float | None = None, period: int = 30, digits: int = 6) -> str:
    """The RFC 6238 code an authenticator app would show for this base32 secret."""
    counter = int((time.time() if at is None else at) // period)
    key = base64.b32decode(secret.replace(" ", "").upper())
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def submit_button(page: Page, field: str) -> Locator:
    """The submit button of the form that holds `field` (a CSS selector)."""
    return (
        page.locator(f"form:has({field})").locator("button[type=submit], input[type=submit]").first
    )


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page_check(page)
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    submit_button(page, "#id_login").click()


def sign_out(page: Page) -> None:
    """Sign out as a person would: on a phone the button is inside the folded menu, opened first."""
    button = page.locator("form[action='/accounts/logout/'] button[type=submit]")
    menu = page.locator("details.menu > summary")
    if not button.is_visible() and menu.count() and menu.is_visible():
        menu.click()
    button.click()


def is_focused(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).first.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(page, selector):
            return
    raise AssertionError(f"{selector} never got the focus after {limit} presses of Tab")


def pick_person(page: Page, selector: str, text: str, expected_id: str) -> None:
    """Choose a person in a person picker with the keyboard only: focus, type, Enter."""
    field = page.locator(selector)
    field.focus()
    field.press_sequentially(text, delay=20)
    # The highlighted match of the last request (not one left from an earlier keystroke).
    option = page.locator(f"{selector}_list [role=option][aria-selected=true]").filter(
        has_text=re.compile(re.escape(text), re.IGNORECASE)
    )
    option.wait_for()
    field.press("Enter")
    chosen = page.locator(f"{selector}_value")
    assert chosen.input_value() == expected_id, chosen.input_value()


def pick_in(field: Locator, text: str) -> None:
    """Choose a person in a person picker found by its label or row (its id may be generated):
    clear it, type, wait for the highlighted match, Enter."""
    field_id = field.get_attribute("id")
    page = field.page
    field.fill("")
    field.press_sequentially(text, delay=20)
    option = page.locator(f'[id="{field_id}_list"] [role=option][aria-selected=true]').filter(
        has_text=re.compile(re.escape(text), re.IGNORECASE)
    )
    option.wait_for()
    field.press("Enter")
    assert page.locator(f'[id="{field_id}_value"]').input_value(), "no person chosen"


def receiving_agency(password: str) -> tuple[Any, Any]:
    """A second child-welfare agency ("Agence Enfance Est") and its coordinator, who signs in as
    chloe@est.test: the agency a youth moves to in the mentoring stories."""
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Organisation, Role
    from entrepairs.people.models import Person

    agency = Organisation.objects.create(name="Agence Enfance Est", slug="est", kind="agency")
    coordinator = Person.objects.create(
        organisation=agency,
        first_name="Chloé",
        last_name="Est",
        email="chloe@est.test",
        user=User.objects.create_user("chloe@est.test", password),
    )
    Membership.objects.create(person=coordinator, organisation=agency, role=Role.COORDINATOR)
    return agency, coordinator


def pick_people(page: Page, selector: str, text: str, expected_id: str) -> None:
    """Add a person to a picker of several people with the keyboard only: focus, type, Enter.
    The chosen person joins the list above the input, which empties for the next search."""
    field = page.locator(selector)
    field.focus()
    field.press_sequentially(text, delay=20)
    option = page.locator(f"{selector}_list [role=option][aria-selected=true]").filter(
        has_text=re.compile(re.escape(text), re.IGNORECASE)
    )
    option.wait_for()
    field.press("Enter")
    chosen = page.locator(f"{selector}_value option[value='{expected_id}']")
    assert chosen.count() == 1, f"{text} was not added to {selector}"
    assert field.input_value() == ""
