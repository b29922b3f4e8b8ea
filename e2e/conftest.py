"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Each test gets a fresh browser context (a new, empty profile: no cookies, no storage) on a
transactional test database served by `live_server`. Every page a test loads must pass
`page_check` (axe-core, see axe.py); screenshots of failing tests go to e2e/artifacts/.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from . import axe

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
# The page's HTML as saved next to a failure's screenshot, without the injected axe-core source.
_PAGE_WITHOUT_AXE = """() => {
  const html = document.documentElement.cloneNode(true);
  html.querySelectorAll('script:not([src])').forEach(s => s.textContent.startsWith('/*! axe') && s.remove());
  return '<!DOCTYPE html>\\n' + html.outerHTML;
}"""
TIMEOUT_MS = int(os.environ.get("E2E_TIMEOUT_MS", "15000"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # Keep each phase's report on the item so fixtures know, at teardown, whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # One browser per test module, closed when the module ends: Playwright's sync API keeps an
    # event loop running in this thread while it is open, and Django refuses ORM calls from such
    # a thread. pytest-randomly shuffles modules but keeps each module's tests together, so no
    # unit test ever runs while a browser (and its loop) is open.
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (bin/test does it)", pytrace=False
        )
    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary user-data directory; contexts isolate tests.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module", autouse=True)
def _allow_orm_beside_the_browser() -> Iterator[None]:
    """The tests' own ORM calls (and the database flush after each) run beside Playwright's loop:
    tell Django they are synchronous, for this module's tests only. Module-scoped, so it is set
    before the module's first test sets up its database and restored after its last test's flush;
    the setting cannot leak into a later module, where `check --deploy` and async-safety checks
    must see it unset."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ASYNC_UNSAFE, "true")
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Rate limits and used TOTP codes live in the cache, shared with the live server thread.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page(
    browser: Browser,
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    request: pytest.FixtureRequest,
) -> Iterator[Page]:
    # Serialized rollback: a transactional test empties every table when it ends, rows seeded by
    # data migrations (the groups' techniques, say) included; this puts them back for the next.
    # The Content-Security-Policy is enforced as in production: anything it blocks fails the test.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    audit = axe.watch(page)
    blocked: list[str] = []

    def note_blocked(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", note_blocked)
    yield page
    call = getattr(request.node, "report_call", None)
    failed = call is None or call.failed
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(
                page.evaluate(_PAGE_WITHOUT_AXE), encoding="utf-8"
            )
        except Exception as exc:  # noqa: BLE001 - a screenshot must never hide the real failure
            print(f"Could not save a screenshot: {exc}")
    axe.forget(page)
    context.close()
    if blocked and not failed:
        pytest.fail("The Content-Security-Policy blocked: " + "\n".join(blocked), pytrace=False)
    unchecked = audit.left_unchecked()
    if unchecked and not failed:
        pytest.fail(
            "These pages were visited without page_check(page) (axe-core): " + ", ".join(unchecked),
            pytrace=False,
        )
