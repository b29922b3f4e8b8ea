"""The axe-core check itself: it must catch what it is there to catch."""

import pytest
from playwright.sync_api import Page

from .axe import page_check

pytestmark = pytest.mark.e2e


def test_it_fails_a_page_with_a_serious_accessibility_violation(page: Page) -> None:
    page.set_content(
        '<html lang="fr"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        page_check(page)


def test_it_passes_a_page_without_serious_violations(page: Page) -> None:
    page.set_content(
        '<html lang="fr"><head><title>t</title></head><body><main><h1>Bonjour</h1></main></body></html>'
    )
    page_check(page)
