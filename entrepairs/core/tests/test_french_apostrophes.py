"""French typography in the catalogue: the typographic apostrophe ’, never the straight one, in
every French translation (STYLE: "’ in French strings"). A third outside test found messages of
one page mixing both ("n'a" next to "n’est"). Only the msgstr is read: the msgid is the English
source and keeps its own apostrophes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"

# A straight apostrophe after a letter and before a letter, a placeholder or a French quote:
# "l'organisation", "d'%(name)s", "l'« Avoir »".
STRAIGHT = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_]|%\(|«)")

# Translations that may keep one, with why (none today: URLs, code and markup have none).
ALLOWED: set[str] = set()


def translations(text: str) -> list[tuple[int, str]]:
    """(line of its msgstr, text) of every translation, plural forms included."""
    found: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("msgstr"):
            if current is not None:
                found.append((start, "".join(current)))
            current, start = [ast.literal_eval(line.split(" ", 1)[1])], number
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        elif current is not None:
            found.append((start, "".join(current)))
            current = None
    if current is not None:
        found.append((start, "".join(current)))
    return found


def test_the_reader_finds_every_translation() -> None:
    """Positive control: the reader sees plural forms and continued lines."""
    sample = (
        'msgid "x"\nmsgid_plural "xs"\nmsgstr[0] "l\'un"\nmsgstr[1] ""\n"d\'autres"\n\n'
        'msgid "y"\nmsgstr "l’autre"\n'
    )
    texts = [t for _n, t in translations(sample)]
    assert texts == ["l'un", "d'autres", "l’autre"]
    assert [bool(STRAIGHT.search(t)) for t in texts] == [True, True, False]
    assert STRAIGHT.search("d'%(name)s") and not STRAIGHT.search("'%(name)s'")


def test_french_translations_use_the_typographic_apostrophe() -> None:
    found = translations(CATALOGUE.read_text(encoding="utf-8"))
    assert len(found) > 1000  # the whole catalogue was read
    straight = [
        f"line {line}: {text[:80]}"
        for line, text in found
        if STRAIGHT.search(text) and text not in ALLOWED
    ]
    assert not straight, "\n".join(straight)


def test_strings_of_django_and_allauth_are_overridden_with_the_typographic_apostrophe() -> None:
    """Django's and allauth's own catalogues write "Confirmer l'accès" (issue 15): the product's
    catalogue overrides each of them (bin/typographic-apostrophes adds what an upgrade brings)."""
    import runpy

    script = Path(__file__).resolve().parents[3] / "bin" / "typographic-apostrophes"
    missing = runpy.run_path(str(script), run_name="check")["missing"]
    assert [entry.msgid for entry in missing()] == []


def test_allauth_pages_read_with_the_typographic_apostrophe() -> None:
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Confirm Access") == "Confirmer l’accès"
