"""The page crawl (issue 15, Tests): every demo role signs in, starts at the home page and follows
the links the pages show, breadth-first, visiting one page per URL pattern (route name) per role.

On every page visited, in French:
- axe-core at 1280 and 390 px wide (serious and critical violations), once per URL pattern;
- the visible text (and the placeholders, labels, titles read aloud) against a list of internal
  codes (the product's choice values, availability codes, snake_case keys, UUIDs, ISO dates,
  None/True/False), English dates ("Oct. 16"), a colon glued to the word before it (« Nom: »),
  a name after « de » not elided (« de Océane ») and a list of English words that have no business on a French page;
- the page's title (the browser tab): text, never markup;
- every link the page shows, requested with the page's own cookies (no rendering): a 4xx or 5xx
  answer, or a signed-in person sent back to the sign-in page, is a problem. PDFs linked are read
  (pypdf) and checked for codes and English too, once per URL pattern.
Then, in English, the cheap checks: every page visited and every link they show answers below 400.

Links that sign out, or write on GET, are never requested (SKIPPED_ROUTES); the admin and the API
are requested, not crawled. The test gathers every problem and fails once, with the whole list
(also written to e2e/artifacts/crawl-report.txt with the crawl's figures).
"""

import gettext
import io
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import APIRequestContext, APIResponse, Browser, Page

from . import axe, layout_checks
from .helpers import sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).parent / "artifacts"
LOCALE_MO = (
    Path(__file__).resolve().parent.parent
    / "entrepairs"
    / "locale"
    / "fr"
    / "LC_MESSAGES"
    / "django.mo"
)
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# Pages visited per role at most, and links requested per URL pattern per role at most: together
# they keep the whole crawl (9 roles) within about 4 minutes on a 2-core machine.
MAX_PAGES_PER_ROLE = 45
MAX_LINKS_PER_ROUTE = 3

# Never requested: they sign out, or write on a GET (opening a notification marks it read).
SKIPPED_ROUTES = {
    "account_logout",
    "accounts:sign_out_everywhere",
    "notifications:open",
    "set_language",
}
# Requested (their links must answer) but never crawled: Django's admin (its own UI, translated
# by Django) and the API (JSON, and Swagger UI).
NOT_CRAWLED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/")

# ---------------------------------------------------------------------------------------------
# Layout checks (issue 15, points 8 and 9), from e2e/layout_checks.py: overflow, clipped text,
# contrast (focus outlines and link-style buttons included), tap targets at phone width, text
# scrolled out of sight in a sideways-scrolling box at desktop width. Each is
# called with the page and the width's name ("desktop", "phone") and returns its problems as
# sentences; like axe, once per URL pattern and width (the same template; the contrast check
# focuses every control in turn, too slow to repeat on each page of a pattern).
# ---------------------------------------------------------------------------------------------
LayoutCheck = Callable[[Page, str], list[str]]
LAYOUT_CHECKS: list[LayoutCheck] = [
    lambda page, width: layout_checks.horizontal_overflow(page),
    lambda page, width: layout_checks.clipped_text(page),
    lambda page, width: layout_checks.small_tap_targets(page) if width == "phone" else [],
    # A table scrolled sideways hides columns a desktop reader never finds (outside test F10, F11).
    lambda page, width: layout_checks.scrolled_out_of_sight(page) if width == "desktop" else [],
    lambda page, width: layout_checks.contrast_failures(page),
]

# Common English UI words and phrases that must not show on a French page. Words French also
# uses (Date, Total, Type, Message, Description, Actions, Notes, Contact, Session, Mentor,
# Programme, Organisation, Document…) are left out, and any word the French catalogue itself uses
# is dropped at run time (see `english_words`).
ENGLISH_UI = (
    "Issued on",
    "Record",
    "Save",
    "Cancel",
    "Delete",
    "Edit",
    "Search",
    "Next",
    "Previous",
    "Back",
    "Submit",
    "Yes",
    "Status",
    "Name",
    "First name",
    "Last name",
    "Password",
    "Sign in",
    "Sign out",
    "Log in",
    "Log out",
    "Settings",
    "Home",
    "Dashboard",
    "Add",
    "Remove",
    "Close",
    "Show",
    "Hide",
    "Loading",
    "Team",
    "Teams",
    "People",
    "Person",
    "Group",
    "Groups",
    "Member",
    "Members",
    "Agreement",
    "Youth",
    "Report",
    "Reports",
    "Welcome",
    "Hello",
    "Please",
    "Required",
    "Optional",
    "required",
    "optional",
    "Download",
    "Upload",
    "Filter",
    "Apply",
    "Confirm",
    "Done",
    "Today",
    "Tomorrow",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "morning",
    "afternoon",
    "Created",
    "Updated",
    "Last updated",
    "View",
    "Details",
    "Closed",
    "Pending",
    "Approved",
    "Declined",
    "Unknown",
    "Nothing",
    "No results",
    "of",
    "the",
    "and",
    "with",
    "from",
    "for",
    "your",
    "you",
    "this",
    "is",
    "are",
    "has",
    "have",
    "not",
    "was",
)

_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"\b\w+://\S+")
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_PYTHON_VALUES = re.compile(r"\b(?:None|True|False)\b")
# A date the English way ("Oct. 16", "May 1, 2027") on a French page (outside test F14).
# A month's English name or abbreviation as a whole word ("Marchand 06 98 64 17 90" is a foster
# family and its phone number, not a date), then a day not followed by more digits.
_ENGLISH_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b(?! \d{2} \d{2})(?!\.\d)"
)
# A colon glued to the word before it: French writes « Nom : obligatoire » (outside test F12).
_GLUED_COLON = re.compile(r"(?<=[^\W\d_])[)»]?:(?=\s|$)")
# A name put after « de », « le », « que » without elision: « Congé de Océane » (outside test
# F13); core.french.french_text (the `french` filter) writes « Congé d’Océane ».
_NOT_ELIDED = re.compile(r"(?<![\w’'·-])(?:[Dd]e|[Qq]ue|[Ll][ea]) (?=[AEIOUÉÈÊÎÔÂ][a-zéèêëïîôûç])")

# The visible strings of a page: text nodes the browser renders (screen-reader-only text too),
# options of visible lists, and the attributes read aloud or shown (placeholder, aria-label,
# title, alt, button values). Text in code/pre/kbd, and in an element marked with another
# language (the language switcher's "English"), is left out.
_VISIBLE_STRINGS = """() => {
  const pageLang = (document.documentElement.lang || 'fr').slice(0, 2).toLowerCase();
  const skipped = 'script,style,noscript,template,code,pre,kbd,samp,[data-crawl-ignore]';
  const foreign = el => {
    const marked = el.closest('[lang]');
    return marked && !marked.lang.toLowerCase().startsWith(pageLang);
  };
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || el.closest(skipped) || foreign(el)) continue;
    const shown = el.closest('option, optgroup') ? el.closest('select') : el;
    if (!shown || !shown.checkVisibility({visibilityProperty: true})) continue;
    out.push(text);
  }
  const attributes = ['placeholder', 'aria-label', 'title', 'alt'];
  for (const el of document.body.querySelectorAll(
      '[placeholder], [aria-label], [title], img[alt], input[type=submit], input[type=button]')) {
    if (el.closest(skipped) || foreign(el)) continue;
    for (const name of attributes) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push(value);
    }
    if (el.matches('input[type=submit], input[type=button]') && el.value) out.push(el.value);
  }
  return out;
}"""
_LINKS = """() => Array.from(document.querySelectorAll('a[href]'), a => ({
  href: a.href,
  text: (a.innerText || a.getAttribute('aria-label') || a.title || '').replace(/\\s+/g, ' ').trim(),
}))"""


@dataclass(frozen=True)
class Problem:
    kind: str
    where: str  # the route name (URL pattern) where it shows
    what: str
    example: str  # one URL, and what showed


@dataclass
class Crawl:
    origin: str
    problems: dict[tuple[str, str, str], tuple[Problem, set[str]]] = field(default_factory=dict)
    pages: int = 0
    links: int = 0
    pdfs_read: set[str] = field(default_factory=set)
    routes_seen: set[str] = field(default_factory=set)
    axe_checked: set[tuple[str, str]] = field(default_factory=set)
    axe_seconds: float = 0.0
    link_seconds: float = 0.0
    english_seconds: float = 0.0
    layout_seconds: float = 0.0

    def add(self, role: str, problem: Problem) -> None:
        key = (problem.kind, problem.where, problem.what)
        if key in self.problems:
            self.problems[key][1].add(role)
        else:
            self.problems[key] = (problem, {role})

    def report(self) -> str:
        lines = []
        for kind in sorted({key[0] for key in self.problems}):
            found = [value for key, value in self.problems.items() if key[0] == kind]
            lines.append(f"\n== {kind}: {len(found)}")
            for problem, roles in sorted(found, key=lambda v: (v[0].where, v[0].what)):
                lines.append(
                    f"- [{problem.where}] {problem.what}  ({', '.join(sorted(roles))}; "
                    f"{problem.example})"
                )
        return "\n".join(lines)


def route_of(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def french_words() -> set[str]:
    """Every word the French catalogue's translations use, lower-cased."""
    with LOCALE_MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    texts: Iterable[str] = catalogue._catalog.values()  # type: ignore[attr-defined]
    return {word.lower() for text in texts for word in re.findall(r"[^\W\d_]+", text)}


def english_words(french: set[str]) -> re.Pattern[str]:
    kept = [w for w in ENGLISH_UI if " " in w or w.lower() not in french]
    alternatives = "|".join(re.escape(w) for w in sorted(kept, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'-])")


def internal_codes(french: set[str]) -> re.Pattern[str]:
    """The product's codes that must never show on a page: choice values of every model field
    (those that are not also a French word the catalogue uses), the availability codes, the
    matching criteria keys and the roles."""
    from django.apps import apps

    from entrepairs.organisations.models import Role
    from entrepairs.people.models.person import HALF_DAYS
    from entrepairs.solvers.scoring import CRITERIA

    codes: set[str] = set(HALF_DAYS) | {str(value) for value in Role.values}
    for model in apps.get_models():
        if not model.__module__.startswith("entrepairs."):
            continue
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "flatchoices", None) or getattr(
                getattr(model_field, "base_field", None), "flatchoices", None
            )
            for value, _label in choices or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_-]+", value):
                    codes.add(value)
    codes |= set(CRITERIA)
    kept = [c for c in codes if "_" in c or "-" in c or c not in french]
    alternatives = "|".join(re.escape(c) for c in sorted(kept, key=len, reverse=True))
    return re.compile(rf"(?<![\w@./-])(?:{alternatives})(?![\w@/-])")


def findings(
    text: str, codes: re.Pattern[str], english: re.Pattern[str] | None
) -> list[tuple[str, str]]:
    """(kind, what) for each internal code or English word in one visible string."""
    found = []
    clean = _URL.sub(" ", _EMAIL.sub(" ", text))
    for pattern, label in (
        (codes, "code"),
        (_SNAKE, "code"),
        (_UUID, "UUID"),
        (_ISO_DATE, "ISO date"),
        (_PYTHON_VALUES, "Python value"),
        (_ENGLISH_DATE, "English date"),
        (_GLUED_COLON, "colon without a space before it"),
        (_NOT_ELIDED, "no elision before a name"),
    ):
        for match in pattern.finditer(clean):
            found.append((f"{label} shown", f"{match.group(0)!r} in {_excerpt(clean, match)!r}"))
    if english is not None:
        for match in english.finditer(clean):
            found.append(
                ("English on a French page", f"{match.group(0)!r} in {_excerpt(clean, match)!r}")
            )
    return found


def _excerpt(text: str, match: re.Match[str], around: int = 40) -> str:
    start, end = max(0, match.start() - around), min(len(text), match.end() + around)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(content)).pages
    )


class RoleCrawl:
    """One role's breadth-first walk through the pages its links lead to."""

    def __init__(
        self,
        crawl: Crawl,
        role: str,
        page: Page,
        codes: re.Pattern[str],
        english: re.Pattern[str],
    ) -> None:
        self.crawl, self.role, self.page = crawl, role, page
        self.codes, self.english = codes, english
        self.visited_routes: set[str] = set()
        self.visited: list[tuple[str, str]] = []
        self.queued_routes: set[str] = set()
        self.checked: dict[str, int] = {}  # URL -> status
        self.checked_per_route: dict[str, int] = {}
        self.queue: deque[tuple[str, str]] = deque()

    def problem(self, kind: str, where: str, what: str, example: str) -> None:
        self.crawl.add(self.role, Problem(kind, where, what, example))

    def run(self) -> None:
        self.queue.append((self.crawl.origin + "/", "dashboard"))
        self.queued_routes.add("dashboard")
        while self.queue and len(self.visited) < MAX_PAGES_PER_ROLE:
            url, route = self.queue.popleft()
            self.visit(url, route)

    def visit(self, url: str, route: str) -> None:
        page = self.page
        page.set_viewport_size({"width": WIDTHS["desktop"][0], "height": WIDTHS["desktop"][1]})
        response = page.goto(url)
        status = response.status if response else 0
        path = urlsplit(page.url).path
        final_route = route_of(path) or route
        self.visited_routes |= {route, final_route}
        self.visited.append((url, final_route))
        self.crawl.pages += 1
        self.crawl.routes_seen.add(final_route)
        if status >= 400:
            axe.blocking_violations(page)  # counted as checked; the status is the problem
            self.problem("page answers an error", final_route, f"HTTP {status}", path)
            return
        if "/accounts/login/" in page.url:
            axe.blocking_violations(page)
            self.problem("signed-in person sent to sign in", route, "redirected to sign in", url)
            return
        title = page.title()
        if re.search(r"<[a-zA-Z/]", title):
            self.problem("markup in the page title", final_route, title[:80], path)
        strings: set[str] = set()
        for width_name, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            # axe once per URL pattern and width (the first role to reach it): another role's
            # page of the same pattern is the same template; its words and links are still read.
            checked_here = (final_route, width_name) not in self.crawl.axe_checked
            if not checked_here:
                axe.checked_elsewhere(page)
                violations: list[dict[str, Any]] = []
            else:
                self.crawl.axe_checked.add((final_route, width_name))
                began = time.monotonic()
                violations = axe.blocking_violations(page)
                self.crawl.axe_seconds += time.monotonic() - began
            for violation in violations:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                self.problem(
                    "axe serious/critical",
                    final_route,
                    f"[{violation['impact']}] {violation['id']} at {width}px: {violation['help']}",
                    f"{path} {targets}",
                )
            began = time.monotonic()
            for check in LAYOUT_CHECKS if checked_here else ():
                for found in check(page, width_name):
                    self.problem("layout", final_route, f"{found} at {width}px", path)
            self.crawl.layout_seconds += time.monotonic() - began
            strings.update(page.evaluate(_VISIBLE_STRINGS))
        for text in sorted(strings):
            for kind, what in findings(text, self.codes, self.english):
                self.problem(kind, final_route, what, path)
        page.set_viewport_size({"width": WIDTHS["desktop"][0], "height": WIDTHS["desktop"][1]})
        for link in page.evaluate(_LINKS):
            self.follow(link["href"], link["text"], path, final_route, page.context.request)

    def follow(
        self, href: str, text: str, on: str, on_route: str, request: APIRequestContext
    ) -> None:
        href = urldefrag(href).url
        parts = urlsplit(href)
        if (
            parts.scheme not in ("http", "https")
            or f"{parts.scheme}://{parts.netloc}" != self.crawl.origin
        ):
            return
        route = route_of(parts.path)
        if route in SKIPPED_ROUTES:
            return
        key = route or parts.path
        if href in self.checked:
            return
        if self.checked_per_route.get(key, 0) >= MAX_LINKS_PER_ROUTE:
            return
        self.checked_per_route[key] = self.checked_per_route.get(key, 0) + 1
        began = time.monotonic()
        response = request.get(href, timeout=30_000)
        self.crawl.link_seconds += time.monotonic() - began
        self.crawl.links += 1
        self.checked[href] = response.status
        where = f"link {text[:50]!r} on {on_route}"
        if not response.ok:
            self.problem(
                "link answers an error",
                where,
                f"HTTP {response.status} for {route or parts.path}",
                f"{on} → {parts.path}",
            )
            return
        if "/accounts/login/" in response.url and route != "account_login":
            self.problem(
                "signed-in person sent to sign in", where, f"{route}", f"{on} → {parts.path}"
            )
            return
        kind = response.headers.get("content-type", "")
        if kind.startswith("application/pdf"):
            self.read_pdf(response, route or parts.path, parts.path)
            return
        if (
            route is None
            or not kind.startswith("text/html")
            or parts.path.startswith(NOT_CRAWLED_PREFIXES)
            or route in self.visited_routes
            or route in self.queued_routes
        ):
            return
        final_route = route_of(urlsplit(response.url).path) or route
        if final_route != route and final_route in self.visited_routes | self.queued_routes:
            return
        self.queued_routes.add(route)
        self.queue.append((href, route))

    def read_pdf(self, response: APIResponse, route: str, path: str) -> None:
        if route in self.crawl.pdfs_read:
            return
        self.crawl.pdfs_read.add(route)
        for kind, what in findings(pdf_text(response.body()), self.codes, self.english):
            self.problem(f"{kind} (PDF)", route, what, path)

    def check_in_english(self, english: APIRequestContext) -> None:
        """The cheap checks in English: each page visited, and each link it shows, answers."""
        for url, route in self.visited:
            response = english.get(url, timeout=30_000)
            self.crawl.links += 1
            if not response.ok:
                self.problem(
                    "page answers an error (English)", route, f"HTTP {response.status}", url
                )
                continue
            for href in set(re.findall(r'<a\s[^>]*href="([^"#][^"]*)"', response.text())):
                target = urldefrag(href.replace("&amp;", "&")).url
                absolute = target if "://" in target else self.crawl.origin + target
                parts = urlsplit(absolute)
                if f"{parts.scheme}://{parts.netloc}" != self.crawl.origin:
                    continue
                link_route = route_of(parts.path)
                if link_route in SKIPPED_ROUTES or absolute in self.checked:
                    continue
                key = f"en:{link_route or parts.path}"
                if self.checked_per_route.get(key, 0) >= MAX_LINKS_PER_ROUTE:
                    continue
                self.checked_per_route[key] = self.checked_per_route.get(key, 0) + 1
                answer = english.get(absolute, timeout=30_000)
                self.crawl.links += 1
                if not answer.ok:
                    self.problem(
                        "link answers an error (English)",
                        f"link on {route}",
                        f"HTTP {answer.status} for {link_route or parts.path}",
                        f"{urlsplit(url).path} → {parts.path}",
                    )


def test_every_page_each_role_reaches_is_french_accessible_and_its_links_answer(
    page: Page, browser: Browser, live_server
) -> None:
    from django.conf import settings
    from django.utils import translation

    from entrepairs.demo.tests import replay

    started = time.monotonic()
    world = replay.load_small()
    loaded = time.monotonic()
    with translation.override("fr"):
        french = french_words()
        codes = internal_codes(french)
        english = english_words(french)
    crawl = Crawl(origin=live_server.url)
    cookie = settings.LANGUAGE_COOKIE_NAME
    per_role: dict[str, int] = {}
    for login in world.logins:
        page.context.clear_cookies()
        page.context.add_cookies([{"name": cookie, "value": "fr", "url": live_server.url}])
        sign_in(page, login.email, login.password)
        page.wait_for_load_state("load")
        if "/accounts/login/" in page.url:
            axe.blocking_violations(page)
            crawl.add(
                login.role, Problem("sign-in", "account_login", "could not sign in", login.email)
            )
            continue
        axe.blocking_violations(page)  # the landing page is crawled from "/" below
        walk = RoleCrawl(crawl, login.role, page, codes, english)
        walk.run()
        per_role[login.role] = len(walk.visited)
        in_english = browser.new_context(
            base_url=live_server.url, storage_state=page.context.storage_state()
        )
        in_english.add_cookies([{"name": cookie, "value": "en", "url": live_server.url}])
        began = time.monotonic()
        try:
            walk.check_in_english(in_english.request)
        finally:
            crawl.english_seconds += time.monotonic() - began
            in_english.close()
    finished = time.monotonic()
    summary = (
        f"Crawl: {len(world.logins)} roles, {crawl.pages} pages visited "
        f"({', '.join(f'{role} {n}' for role, n in per_role.items())}), "
        f"{len(crawl.routes_seen)} URL patterns, {crawl.links} links requested, "
        f"{len(crawl.pdfs_read)} PDFs read; demo data {loaded - started:.0f} s, "
        f"crawl {finished - loaded:.0f} s (axe {crawl.axe_seconds:.0f} s, layout "
        f"{crawl.layout_seconds:.0f} s, links "
        f"{crawl.link_seconds:.0f} s, English {crawl.english_seconds:.0f} s); "
        f"{len(crawl.problems)} problem(s)."
    )
    print(summary)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "crawl-report.txt").write_text(
        summary + "\n" + crawl.report() + "\n", encoding="utf-8"
    )
    assert crawl.pages > len(world.logins), summary
    if crawl.problems:
        pytest.fail(summary + "\n" + crawl.report(), pytrace=False)
