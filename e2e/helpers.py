"""Steps that several browser stories share: signing in and out, submitting, TOTP codes."""

import base64
import hashlib
import hmac
import re
import struct
import time

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
    page.locator("form[action='/accounts/logout/'] button[type=submit]").click()


def is_focused(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).first.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
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
