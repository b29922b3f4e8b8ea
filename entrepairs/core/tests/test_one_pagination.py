"""One way of paging a list (DECISIONS.md, one home for shared things): every page that pages a
list includes core/_pagination.html, which names its pages alike everywhere (« Page 2 sur 5 »,
Previous / Next, the list's filters kept in the links). Six pages once wrote their own nav and had
drifted (« 2 / 5 » here, « Page 2 sur 5 » there, arrows on some, filters lost on others)."""

from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

import entrepairs

ROOT = Path(entrepairs.__file__).parent
HOME = "core/templates/core/_pagination.html"


def test_only_the_shared_template_writes_a_pagination_nav() -> None:
    writers = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        if 'class="pagination"' in path.read_text()
    ]
    assert writers == [HOME]


@pytest.mark.parametrize(("language", "label"), [("fr", "Page 2 sur 3"), ("en", "Page 2 of 3")])
def test_the_shared_nav_names_the_page_and_keeps_the_filters(language: str, label: str) -> None:
    page = Paginator(list(range(30)), 10).page(2)
    with translation.override(language):
        html = render_to_string("core/_pagination.html", {"page": page, "query": "q=Martin"})
    assert label in html
    assert 'href="?q=Martin&page=1"' in html and 'href="?q=Martin&page=3"' in html
