"""A page's title (the browser tab, read aloud first) is text: no template puts markup in its
`title` block (outside test: a paragraph of the trends page showed in the tab, tags and all).
The page crawl (e2e/test_crawl.py) checks the titles of the pages as shown too."""

from pathlib import Path

from django.apps import apps
from django.template import Engine
from django.template.base import Node, TextNode
from django.template.loader_tags import BlockNode

TITLE_BLOCKS = {"title", "head_title"}


def _templates() -> list[Path]:
    engine = Engine.get_default()
    dirs = list(engine.dirs) + [Path(app.path) / "templates" for app in apps.get_app_configs()]
    root = Path(__file__).resolve().parents[2]
    return sorted(
        path
        for folder in map(Path, dirs)
        if folder.is_dir() and root in folder.resolve().parents
        for path in folder.rglob("*.html")
    )


def _title_texts(nodes: list[Node], inside: bool = False) -> list[str]:
    texts = []
    for node in nodes:
        if isinstance(node, TextNode) and inside:
            texts.append(node.s)
        here = inside or (isinstance(node, BlockNode) and node.name in TITLE_BLOCKS)
        for attr in node.child_nodelists:
            texts += _title_texts(getattr(node, attr, None) or [], here)
    return texts


def test_no_page_title_holds_markup():
    engine = Engine.get_default()
    templates = _templates()
    assert len(templates) > 100
    marked = []
    for path in templates:
        template = engine.from_string(path.read_text())
        marked += [f"{path.name}: {t.strip()}" for t in _title_texts(template.nodelist) if "<" in t]
    assert marked == []
