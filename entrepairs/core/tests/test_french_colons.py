"""A colon after a label or a name, in French: « Nom : obligatoire », with a no-break space
(outside test of issue 15, F12: the error summary showed « Nom: obligatoire »). The catalogue's
sentences are checked by bin/french-spacing; the colons a template writes after a variable, a tag
or a closing element, and the ones Python composes, go through one helper (`core.french.colon`,
the `{% colon %}` tag)."""

import re
from pathlib import Path

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _l

from entrepairs.core.french import colon, labelled

ROOT = Path(__file__).resolve().parents[2]
# A colon right after "}}", "%}" or a closing element, followed by a space, a tag or the line end.
# With a space before it, it is French-only: an English page showed « Kind : » (issue 15).
BARE_COLON = re.compile(
    r"(\}\}\)?|%\}\)?|</[a-z0-9]+>)(?: |&nbsp;|&#160;|\u00a0|\u202f)?:(?=[ \n<]|$)"
)
# Translated blocks are the catalogue's (bin/french-spacing); comments say nothing to a reader.
SKIPPED = re.compile(
    r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}|\{#.*?#\}"
    r"|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
    re.S,
)


def test_no_template_writes_a_bare_colon_after_a_name_or_a_label() -> None:
    found = []
    templates = sorted(ROOT.glob("*/templates/**/*.html"))
    assert len(templates) > 100  # every app's templates are looked at
    for path in templates:
        text = SKIPPED.sub("", path.read_text())
        for match in BARE_COLON.finditer(text):
            line = text[: match.start()].count("\n") + 1
            found.append(
                f"{path.relative_to(ROOT)}:{line}: …{text[max(0, match.start() - 40) : match.end() + 10]!r}"
            )
    assert not found, "write {% colon %} instead of ':' (French needs a no-break space):\n" + (
        "\n".join(found)
    )


def test_the_colon_has_a_no_break_space_in_french_only() -> None:
    with translation.override("fr"):
        assert colon() == "\u00a0:"
        assert labelled("Nom", "obligatoire") == "Nom\u00a0: obligatoire"
        assert Template("{% load french %}a{% colon %} b").render(Context()) == "a\u00a0: b"
    with translation.override("en"):
        assert labelled("Name", "required") == "Name: required"


class _Form(forms.Form):
    name = forms.CharField(label="Nom")


def test_the_error_summary_says_nom_colon_obligatoire_in_french() -> None:
    form = _Form(data={})
    assert not form.is_valid()
    with translation.override("fr"):
        html = render_to_string("core/_error_summary.html", {"form": form})
    assert re.search(r"Nom</a>\u00a0: ", html), html
    assert "</a>: " not in html


class _KindForm(forms.Form):
    kind = forms.ChoiceField(label=_l("Kind"), choices=[("training", _l("Training"))])


def test_the_error_summary_follows_the_readers_language_on_both_sides_of_the_colon() -> None:
    """« Type : » for a French reader, « Kind: » for an English one, never « Kind : »: the label
    and its colon are worded when the page is rendered, in the same language."""
    form = _KindForm(data={"kind": "unknown"})
    assert not form.is_valid()
    with translation.override("fr"):
        french = render_to_string("core/_error_summary.html", {"form": form})
    with translation.override("en"):
        english = render_to_string("core/_error_summary.html", {"form": form})
    assert re.search(r">Type</a>\u00a0: S", french), french
    assert re.search(r">Kind</a>: S", english), english
    assert not re.search(r"[\s\u00a0\u202f]:", english), english


def test_a_composed_label_follows_the_readers_language() -> None:
    """What Python composes (an event's calendar entry, a PDF's lines) goes through the same
    helper: no French space in English."""
    with translation.override("en"):
        assert labelled(_l("Kind"), "Workshop") == "Kind: Workshop"
    with translation.override("fr"):
        assert labelled(_l("Kind"), "Atelier") == "Type\u00a0: Atelier"
