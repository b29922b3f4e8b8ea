"""Development examples of the no-sanction reader (never taken from the held-out corpora)."""

import pytest

from entrepairs.mentoring.punitive import read

# Per-text examples of a text rule, corpus-like: run once, on PostgreSQL (DECISIONS.md; bin/test).
# No database is read.
pytestmark = pytest.mark.once


@pytest.mark.parametrize(
    "text",
    [
        "On lui a retiré sa marraine parce qu'il a répondu à son professeur.",
        "Rencontres suspendues jusqu'à ce qu'il ait présenté ses excuses.",
        "Si elle ne rentre pas à l'heure, fini les sorties avec sa mentore : sanction.",
        "We took the mentor away after he was rude to staff.",
    ],
)
def test_a_sanction_in_ordinary_words_is_found(text):
    assert read(text).is_sanction


@pytest.mark.parametrize(
    "text",
    [
        "Ce n'est pas une sanction : la mentore part vivre au Canada.",
        "Aucune punition, le jeune a simplement souhaité faire une pause.",
        "Pause tant que le jeune est à l'hôpital.",
        "Bagarre au collège mardi ; le mentorat continue, il en a besoin.",
        "",
    ],
)
def test_a_legitimate_note_passes_negation_included(text):
    assert not read(text).is_sanction, read(text).findings


def test_the_explanation_quotes_the_phrase_and_says_why():
    reading = read("Retrait du mentor à cause de son comportement en classe.")
    explanation = reading.explanation()
    assert "Retrait" in explanation and "comportement" in explanation
    assert "because of the youth's conduct" in explanation
    assert [f.kind for f in reading.findings] == ["stop_for_conduct"]


def test_a_condition_on_schooling_is_named_as_a_condition():
    reading = read("Le jumelage reprendra à condition qu'il retourne au lycée.")
    assert [f.kind for f in reading.findings] == ["condition"]
    assert reading.findings[0].phrase.startswith("à condition qu")
