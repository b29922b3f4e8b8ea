"""French typography in the catalogue (issue 15): « : », « ; », « ! », « ? » and « » » take a
no-break space before them and « « » one after it (bin/french-spacing writes and checks them);
and a count is written in its number (ngettext: « 1 dossier », « 3 dossiers »), never
« dossier(s) ». Only the msgstr is read: the msgid is the English source."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from .test_french_apostrophes import CATALOGUE, translations

SCRIPT = Path(__file__).resolve().parents[3] / "bin" / "french-spacing"
SPACING = runpy.run_path(str(SCRIPT), run_name="check")
# « dossier(s) », « signée(s) », « adresse(s) », « intéressé(e)s »: a plural left to the reader.
OPTIONAL_PLURAL = re.compile(r"[^\W\d_]\((s|x|e|es|e·s)\)")


def test_the_checker_sees_each_fault_and_leaves_codes_alone() -> None:
    """Positive and negative controls of bin/french-spacing."""
    fixes, apply = SPACING["fixes"], SPACING["apply"]
    assert apply("Motif : %(reason)s ; Merci ! Vraiment ?") == (
        "Motif\u00a0: %(reason)s\u202f; Merci\u202f! Vraiment\u202f?"
    )
    assert (
        apply("« %(name)s » et «x»: fin") == "«\u00a0%(name)s\u00a0» et «\u00a0x\u00a0»\u00a0: fin"
    )
    for code in (
        "https://exemple.fr/?next=/a",
        'mailto:%(email)s"',
        "à 14:00",
        "color:red",
        "Tom &amp; Jerry",
        "Envoyez-le ainsi\u00a0: Authorization: Bearer",
        "par ex. 1-8: 95",
        "Déjà bien\u00a0: oui\u202f!",
    ):
        assert not fixes(code), code


def test_french_translations_space_their_high_punctuation() -> None:
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines(keepends=True)
    faults = SPACING["process"](lines)
    assert not faults, "run bin/french-spacing:\n" + "\n".join(
        f"line {line}: {text[:90]}" for line, text in faults
    )


def test_french_translations_write_counts_in_their_number() -> None:
    found = translations(CATALOGUE.read_text(encoding="utf-8"))
    assert len(found) > 1000
    assert OPTIONAL_PLURAL.search("dossier(s)") and OPTIONAL_PLURAL.search("intéressé(e)s")
    assert not OPTIONAL_PLURAL.search("%(s)s") and not OPTIONAL_PLURAL.search("(s) ")
    optional = [f"line {line}: {text[:80]}" for line, text in found if OPTIONAL_PLURAL.search(text)]
    assert not optional, "use ngettext with the count:\n" + "\n".join(optional)
