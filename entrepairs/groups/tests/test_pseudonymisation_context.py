"""Persons found by their context (third tuning pass of issue 13, point 2): names that are also
words, in lower case, unknown to the name lists or written after initials, and the words that
look like names but name nobody. Phrasings differ from the development corpora's."""

import pytest

from entrepairs.groups.detection import detect

# Per-text examples of a text rule, corpus-like: run once, on PostgreSQL (DECISIONS.md; bin/test).
# No database is read.
pytestmark = pytest.mark.once


def persons(text: str) -> list[str]:
    return [e.text for e in detect(text) if e.kind == "person"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An apposition after a name that is also a word.
        ("Constance, sa grand-mère, garde les enfants.", ["Constance"]),
        # Joined by « et » to a name found, or two lower-case names before their verb.
        ("Jade et Lucas ont fugué.", ["Jade", "Lucas"]),
        ("pierre et julien ont dormi dehors.", ["pierre", "julien"]),
        ("Oluwaseun et Tunde sont arrivés hier.", ["Oluwaseun", "Tunde"]),
        # « c'est X qui ».
        ("c'est rose qui a appelé la police.", ["rose"]),
        # The kin of someone named, with letters beyond Latin-1.
        ("Le frère de Łukasz est venu le chercher.", ["Łukasz"]),
        # Nicknames.
        ("Lolo a encore séché les cours.", ["Lolo"]),
        ("Au foyer on l'appelle la Fouine.", ["la Fouine"]),
        # An unlisted name before its verb, even where the model reads a place.
        ("Ifeoma a rendez-vous au CMP.", ["Ifeoma"]),
        ("La voisine dit que Bakary frappe sa femme.", ["Bakary"]),
        # Initials then a name (the initial too: no letter of the name stays in clear); a
        # civility before a name in capitals.
        ("Le rapport est signé C. Dufresne.", ["C. Dufresne"]),
        ("Le rapport est signé J.-P. Lemoine.", ["J.-P. Lemoine"]),
        ("Le père, M. DOS SANTOS, ne vient plus.", ["M. DOS SANTOS"]),
        ("Ciara O'Sullivan est la marraine.", ["Ciara O'Sullivan"]),
        # A short first name in a text written in capitals.
        ("NOA EST PARTI SANS RIEN DIRE", ["NOA"]),
        # A name found once is a name again where alone it would not be.
        ("Sa fille s'appelle Rose. Rose ne dort plus.", ["Rose", "Rose"]),
    ],
)
def test_a_person_is_found_by_its_context(text: str, expected: list[str]) -> None:
    assert persons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Claire et précise, la note a convaincu le juge.",
        "Prudence, m'a dit le chef de service, avant d'écrire.",
        "Aimée de tous, l'éducatrice part en retraite.",
        "Pendant la Toussaint, le service ferme.",
        "Le Père Noël viendra au foyer le 24.",
        "M. B. a refusé la visite.",
        "La jeune L. va mieux.",
        "Les pierres et les roses du jardin ont été abîmées.",
        "La CAF a versé l'allocation en retard.",
    ],
)
def test_a_word_that_looks_like_a_name_names_nobody(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Elle a quitté le domicile en février 2022.", "février 2022"),
        ("Le bébé est attendu début juillet 2026.", "juillet 2026"),
    ],
)
def test_a_month_with_its_year_is_a_date(text: str, date: str) -> None:
    assert [e.text for e in detect(text) if e.kind == "date"] == [date]


def test_a_law_dated_by_its_day_month_and_year_is_still_no_date() -> None:
    assert [
        e for e in detect("La loi du 7 février 2022 protège les enfants.") if e.kind == "date"
    ] == []
