"""Classes an outside tester found leaked or garbled (bank accounts in any writing, addresses that
swallowed the rest of the sentence, placeholders after an elision, birth years), each in several
phrasings, through the functions the page and the API call: find_identifying and pseudonymise."""

import pytest

from entrepairs.groups.identifying import find_identifying, pseudonymise


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifying(text)]


@pytest.mark.parametrize(
    ("text", "account"),
    [
        (
            "son iban fr76 3000 6000 0112 3456 7890 189 pour le remboursement.",
            "fr76 3000 6000 0112 3456 7890 189",
        ),
        ("l'iban est fr7630006000011234567890189, dit-elle.", "fr7630006000011234567890189"),
        (
            "Virement sur Fr76 3000 6000 0112 3456 7890 189 et rien d'autre.",
            "Fr76 3000 6000 0112 3456 7890 189",
        ),
        ("IBAN de l'oncle : BE68 5390 0754 7034 pour la pension.", "BE68 5390 0754 7034"),
        (
            "Compte anglais : gb29 nwbk 6016 1331 9268 19 de la grand-mère.",
            "gb29 nwbk 6016 1331 9268 19",
        ),
        ("Compte allemand DE89370400440532013000 sans espaces.", "DE89370400440532013000"),
        ("RIB : 30006 00001 12345678901 89 pour la caution.", "30006 00001 12345678901 89"),
        ("Son RIB 30004-00550-0001234567X-12 est à jour.", "30004-00550-0001234567X-12"),
        ("rib 30006000011234567890189 reçu", "30006000011234567890189"),
    ],
)
def test_a_bank_account_in_any_case_and_grouping_is_one_finding(text: str, account: str) -> None:
    assert ("iban", account) in kinds(text)
    assert "[compte bancaire]" in pseudonymise(text)
    assert not any(k == "address" for k, _ in kinds(text))  # no bank code taken for a postcode


@pytest.mark.parametrize(
    "text",
    [
        "Il a donné 30000 euros en 2020 et 45000 l'année suivante.",
        "Le dossier fr76 est clos.",
        "La salle b12 3000 places.",
    ],
)
def test_numbers_that_are_no_bank_account_stay(text: str) -> None:
    assert not any(k == "iban" for k, _ in kinds(text + " Appel au 06 12 34 56 78."))


def test_a_postcode_is_still_a_postcode() -> None:
    assert ("address", "59000 Lille") in kinds("Kevin habite 59000 Lille depuis mai.")


@pytest.mark.parametrize(
    ("text", "pseudonymised"),
    [
        ("Le 4 allée des Tilleuls est leur adresse.", "Le [adresse] est leur adresse."),
        (
            "Kevin vit au 12 rue des lilas où il dort mal.",
            "Personne A vit au [adresse] où il dort mal.",
        ),
        (
            "Le 7 avenue du Général de Gaulle était leur logement.",
            "Le [adresse] était leur logement.",
        ),
        ("Kevin vit 3 rue de la gare depuis mai.", "Personne A vit [adresse] depuis mai."),
        (
            "Le 12 bis rue des roses sera vendu, dit Kevin.",
            "Le [adresse] sera vendu, dit Personne A.",
        ),
        ("Au 8 rue Pasteur maman dort.", "Au [adresse] maman dort."),
        ("Le 2 impasse des Lilas n'a plus d'eau.", "Le [adresse] n'a plus d'eau."),
    ],
)
def test_an_address_ends_at_the_street_name(text: str, pseudonymised: str) -> None:
    assert pseudonymise(text) == pseudonymised


@pytest.mark.parametrize(
    ("text", "pseudonymised"),
    [
        ("J'ai vu la sœur d'Inès hier.", "J'ai vu la sœur de Personne A hier."),
        ("Je crois qu'Amine ment.", "Je crois que Personne A ment."),
        ("Qu’Inès parte, c’est dur.", "Que Personne A parte, c’est dur."),
        ("Le frère d’Emma pleure.", "Le frère de Personne A pleure."),
        ("Lorsqu'Ilyes arrive, il crie.", "Lorsque Personne A arrive, il crie."),
        ("Puisqu'Océane refuse, on attend.", "Puisque Personne A refuse, on attend."),
        ("On parle de l'Inès de la classe.", "On parle de la Personne A de la classe."),
        # A placeholder read with a vowel keeps the elision.
        (
            "La mère d'Emma vit près d'ici, 12 rue d'Arras.",
            "La mère de Personne A vit près d'ici, [adresse].",
        ),
    ],
)
def test_an_elided_word_reads_right_before_a_placeholder(text: str, pseudonymised: str) -> None:
    assert pseudonymise(text) == pseudonymised


def test_an_elision_before_a_placeholder_starting_with_a_vowel_stays() -> None:
    text = "Emma, née en 2012, l'âge d'Emma : 12 ans."
    assert pseudonymise(text) == "Personne A, née en [année], l'âge de Personne A : [âge]."


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Elle est née en 2012 à Lille.", "2012"),
        ("Kevin est né en 2011.", "2011"),
        ("Il est né en 2009.", "2009"),
        ("Naissance en 2008, placement en 2015.", "2008"),
        ("L'aîné, né dans l'année 2010, va mieux.", "2010"),
        ("Il est né en deux mille neuf.", "deux mille neuf"),
    ],
)
def test_born_in_a_year_is_flagged_next_to_a_name(text: str, year: str) -> None:
    text = f"{text} Kevin pleure."
    assert ("age", year) in kinds(text)
    assert "[année]" in pseudonymise(text)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Kevin (2011) est venu.", ["2011"]),
        ("Kevin Marchand (2011) et Léa (2014) sont là.", ["2011", "2014"]),
        ("Inès ( 2013 ) ne parle plus.", ["2013"]),
        ("Mme Durand (1985) a appelé.", ["1985"]),
    ],
)
def test_a_year_in_brackets_after_a_name_is_a_birth_year(text: str, years: list[str]) -> None:
    assert [t for k, t in kinds(text) if k == "age"] == years
    assert "(20" not in pseudonymise(text) and "(19" not in pseudonymise(text)


def test_a_year_in_brackets_after_no_name_stays() -> None:
    assert kinds("Winnicott (1971) parle du holding.") == []
    assert ("age", "2019") not in kinds("La loi (2019) a changé, dit Kevin.")


@pytest.mark.parametrize(
    "text",
    [
        "Elle a 3 ans.",
        "Un garçon de 12 ans pleure.",
        "Depuis 2012, elle vit en foyer.",
        "En 2012 à Lille, le service a fermé.",
    ],
)
def test_an_age_or_a_year_alone_identifies_nobody(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Léa est née le premier mars deux mille onze.", "premier mars deux mille onze"),
        ("Kevin est arrivé le 3 juin deux-mille-vingt-deux.", "3 juin deux-mille-vingt-deux"),
        (
            "Le trois mai mil neuf cent quatre-vingt-dix-huit, Kevin est né.",
            "trois mai mil neuf cent quatre-vingt-dix-huit",
        ),
        ("Arrivée en mars deux mille vingt et un.", "mars deux mille vingt et un"),
        ("Née en mai deux mille douze.", "mai deux mille douze"),
    ],
)
def test_a_date_with_its_year_in_words_is_one_date(text: str, date: str) -> None:
    assert ("date", date) in kinds(text)
    assert "mille" not in pseudonymise(text)
