"""Accessibility checks with axe-core, injected into every page the browser tests visit.

`page_check(page)` runs axe on the page as it is now and fails the test on any serious or
critical violation. The `page` fixture (conftest) watches every document the page loads and
fails a test that left a page without checking it, so no page escapes the audit.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_JS = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("serious", "critical")

_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}"""


class PageAudit:
    """Which documents a page loaded and whether each was checked before the next one loaded."""

    def __init__(self, page: Page) -> None:
        self.unchecked: str | None = None
        self.missed: list[str] = []
        self.checked: list[str] = []
        page.on("load", self._loaded)

    def _loaded(self, page: Page) -> None:
        if self.unchecked is not None:
            self.missed.append(self.unchecked)
        self.unchecked = page.url

    def done(self, url: str) -> None:
        self.checked.append(url)
        self.unchecked = None

    def left_unchecked(self) -> list[str]:
        return self.missed + ([self.unchecked] if self.unchecked else [])


_audits: dict[int, PageAudit] = {}


def watch(page: Page) -> PageAudit:
    audit = _audits[id(page)] = PageAudit(page)
    return audit


def forget(page: Page) -> None:
    _audits.pop(id(page), None)


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical accessibility violation(s) on {url}"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page once it has loaded and return its serious or critical
    violations (the page counts as checked): for callers that gather problems before failing."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the app's Content-Security-Policy (enforced in the
        # browser tests too) refuses inline scripts without its nonce.
        page.evaluate(AXE_JS)
    violations = page.evaluate(_RUN_AXE)
    if audit := _audits.get(id(page)):
        audit.done(page.url)
    return [v for v in violations if v["impact"] in BLOCKING]


def checked_elsewhere(page: Page) -> None:
    """Count the page as checked without running axe: for the page crawl, which runs axe once
    per URL pattern and width and visits the same pattern again for another role."""
    if audit := _audits.get(id(page)):
        audit.done(page.url)


def page_check(page: Page) -> None:
    """Run axe-core on the page once it has loaded; fail on serious or critical violations."""
    blocking = blocking_violations(page)
    url = page.url
    if blocking:
        report = format_violations(url, blocking)
        print(report)
        pytest.fail(report, pytrace=False)
