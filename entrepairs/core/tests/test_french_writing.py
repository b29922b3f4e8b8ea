"""French writing once names and dates are put into a sentence (issue 13, outside test): "1er mai",
"d’Amina", "l’atelier" — one helper (core.french) for Python and templates, nothing changed in
English."""

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from entrepairs.core.french import elide, first_of_month, french_text, long_date


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("La séance de Amina", "La séance d’Amina"),
        ("le groupe de Hélène", "le groupe d’Hélène"),
        ("le atelier de Yves", "l’atelier d’Yves"),
        ("De Inès, que il", "D’Inès, qu’il"),
        ("Groupe de Éloïse", "Groupe d’Éloïse"),
        ("à une heure de Karim", "à une heure de Karim"),
        ("la hiérarchie de Yasmine", "la hiérarchie de Yasmine"),  # aspirated h, y before a vowel
        ("le handicap, le onze, le oui", "le handicap, le onze, le oui"),
        ("la séance de 10 h", "la séance de 10 h"),
        ("le hôpital de Hauts-de-France", "l’hôpital de Hauts-de-France"),
        ("mode atelier", "mode atelier"),
        # An inclusive ending is no article: "nouvel·le arrivant·e" keeps its "le".
        ("un·e nouvel·le arrivant·e", "un·e nouvel·le arrivant·e"),
        # "de" and "que" elide before the article "un"/"une"; the number keeps "le"/"la"
        # (outside test of issue 15: « Données personnelles de une fiche » in the audit trail).
        ("Données de une fiche, que un jeune", "Données d’une fiche, qu’un jeune"),
        ("le un, la une, de onze", "le un, la une, de onze"),
        # A conjunction is never elided into: « Le ou la jeune » (the audit trail wrote « L’ou »).
        ("Le ou la jeune — de ou vers", "Le ou la jeune — de ou vers"),
    ],
)
def test_it_elides_before_a_vowel_or_a_mute_h(written: str, expected: str) -> None:
    assert elide(written) == expected


def test_it_writes_the_first_of_the_month_as_an_ordinal() -> None:
    assert (
        first_of_month("du 1 mai 2027 au 11 mai, le 21 mai")
        == "du 1er mai 2027 au 11 mai, le 21 mai"
    )
    assert first_of_month("le 1er mai") == "le 1er mai"


def test_long_dates_say_1er_in_french_and_nothing_changes_in_english() -> None:
    first = date(2027, 5, 1)
    with translation.override("fr"):
        assert long_date(first) == "1er mai 2027"
        assert long_date(first, "l j F Y") == "samedi 1er mai 2027"
        assert long_date(date(2027, 5, 11)) == "11 mai 2027"
        moment = timezone.make_aware(datetime(2027, 5, 1, 14, 0))
        assert long_date(moment, "j F Y H:i") == "1er mai 2027 14:00"
        assert french_text("La séance de Amina du 1 mai") == "La séance d’Amina du 1er mai"
    with translation.override("en"):
        assert french_text("de Amina, 1 mai") == "de Amina, 1 mai"
        assert "1er" not in long_date(first)


def test_the_template_filters_do_the_same() -> None:
    page = Template(
        "{% load french %}{{ day|long_date }} · {{ sentence|french }} · {{ day|long_date:'l j F' }}"
    )
    with translation.override("fr"):
        text = page.render(Context({"day": date(2027, 5, 1), "sentence": "Groupe de Amina & co"}))
    assert text == "1er mai 2027 · Groupe d’Amina &amp; co · samedi 1er mai"
