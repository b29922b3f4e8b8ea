"""A name put into a French sentence after « de », « le », « la » or « que » elides before a
vowel: « Congé d’Océane », never « Congé de Océane » (outside test of issue 15, F13). The
catalogue cannot know the name, so a template's translated sentence that puts a name there is
shown through the `french` filter (core.french): `{% blocktranslate ... asvar sentence %}…
{% endblocktranslate %}{{ sentence|french }}`. This test reads every template's translated
blocks, finds their French in the catalogue, and names those that miss the filter."""

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
BLOCK = re.compile(
    r"\{%\s*blocktrans(?:late)?\b(.*?)%\}(.*?)\{%\s*(?:plural|endblocktrans(?:late)?)\b[^%]*%\}",
    re.S,
)
ELIDED = re.compile(r"(?<![\w’'])(?:[Dd]e|[Qq]ue|[Ll]e|[Ll]a|[Jj]usque) %\((\w+)\)s")
# Placeholders that hold a number or a date, never a word: nothing to elide into.
NOT_WORDS = {
    "days",
    "r",
    "n",
    "count",
    "counter",
    "total",
    "day",
    "date",
    "due",
    "when",
    "d",
    "on",
    "low",
}
# Templates owned by another branch while this test was written (coaching, training): the lead
# removes them from here once merged with their fix.
ELSEWHERE: set[str] = set()


def test_every_translated_sentence_that_puts_a_name_after_de_is_elided() -> None:
    catalogue = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(CATALOGUE))}
    found, looked_at = [], 0
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        if path.relative_to(ROOT).parts[0] in ELSEWHERE:
            continue
        text = path.read_text()
        for block in BLOCK.finditer(text):
            head, body = block.group(1), block.group(2)
            context = re.search(r'context "([^"]+)"', head)
            msgid = re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body)
            if "trimmed" in head:
                msgid = " ".join(line.strip() for line in msgid.strip().splitlines())
            french = catalogue.get((context.group(1) if context else None, msgid), "")
            looked_at += bool(french)
            names = [m.group(1) for m in ELIDED.finditer(french) if m.group(1) not in NOT_WORDS]
            asvar = re.search(r"asvar (\w+)", head)
            shown_french = asvar and re.search(r"\{\{\s*" + asvar.group(1) + r"\|french", text)
            if names and not shown_french:
                line = text[: block.start()].count("\n") + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {french!r}")
    assert looked_at > 100  # the blocks were matched to the catalogue
    assert not found, "show these through |french (asvar):\n" + "\n".join(found)


def test_the_leave_page_title_says_conge_d_oceane() -> None:
    page = Template(
        "{% load i18n french %}{% blocktranslate with name=who asvar sentence %}Leave of "
        "{{ name }}{% endblocktranslate %}{{ sentence|french }}"
    )
    with translation.override("fr"):
        assert page.render(Context({"who": "Océane Bertrand"})) == "Congé d’Océane Bertrand"
