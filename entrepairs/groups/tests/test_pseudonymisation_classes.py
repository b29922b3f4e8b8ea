"""The classes of identifying data an outside tester found missed or mislabelled (issue 13,
point 2), each in several phrasings: what `detect` finds, by kind and text."""

import pytest

from entrepairs.groups.detection import detect
from entrepairs.groups.identifying import pseudonymise


def found(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in detect(text)]


def kinds_of(text: str, kind: str) -> list[str]:
    return [e.text for e in detect(text) if e.kind == kind]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("hier, madame dupont a annulé la visite.", "madame dupont"),
        ("j'ai eu monsieur karim au téléphone.", "monsieur karim"),
        ("Le fils de mme haddad ne mange plus.", "mme haddad"),
        ("On attend la réponse de mademoiselle lopez.", "mademoiselle lopez"),
        ("rendez-vous avec m. lemaire jeudi.", "m. lemaire"),
        ("MME BENALI a refusé la mesure.", "MME BENALI"),
        ("On a revu Madame fontaine et son fils.", "Madame fontaine"),
    ],
)
def test_a_civility_in_lower_case_and_its_name_are_a_person(text: str, person: str) -> None:
    assert kinds_of(text, "person") == [person]


@pytest.mark.parametrize(
    "text",
    [
        "madame la juge a renouvelé le placement.",
        "monsieur a appelé pour dire qu'il viendrait.",
        "madame n'est pas venue au rendez-vous.",
        "Madame est repartie sans son fils.",
        "monsieur le directeur a signé le rapport.",
    ],
)
def test_a_civility_before_a_common_word_names_nobody(text: str) -> None:
    assert kinds_of(text, "person") == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("M. et Mme Martin refusent toute aide.", "M. et Mme Martin"),
        ("Nous avons vu Mme et M. Durand au domicile.", "Mme et M. Durand"),
        ("Monsieur et Madame Haddad se sont séparés.", "Monsieur et Madame Haddad"),
        ("Madame et Monsieur Petit ne viennent plus.", "Madame et Monsieur Petit"),
        ("mme et m. lefebvre ont écrit au juge.", "mme et m. lefebvre"),
    ],
)
def test_a_couple_under_one_name_is_one_person(text: str, person: str) -> None:
    assert kinds_of(text, "person") == [person]


def test_a_couple_keeps_one_pseudonym_with_each_of_its_members() -> None:
    text = "Mme et M. Durand sont venus ; M. Durand a crié. Appel au 06 12 34 56 78."
    assert pseudonymise(text).startswith("Personne A sont venus ; Personne A a crié.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Les Dupont ne répondent plus.", "Dupont"),
        ("La réunion chez les Martin a tourné court.", "Martin"),
        ("On a rencontré la famille Nguyen hier.", "Nguyen"),
        ("Le cadet des Benhamou dort mal.", "Benhamou"),
        ("La famille Kowalczyk a déménagé.", "Kowalczyk"),
        ("Il passe ses week-ends chez les Lemoine.", "Lemoine"),
        ("Les Traoré ont obtenu un logement.", "Traoré"),
    ],
)
def test_a_family_named_by_its_surname_is_a_person(text: str, name: str) -> None:
    assert kinds_of(text, "person") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Il est parti skier dans les Alpes.",
        "Ils ont vécu aux Comores avant d'arriver.",
        "Elle vit à la MECS Les Tilleuls.",
        "Les Restos du Cœur l'aident chaque semaine.",
    ],
)
def test_a_place_or_a_group_after_les_is_no_family(text: str) -> None:
    assert kinds_of(text, "person") == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Il est né en mai 2012.", "date", "mai 2012"),
        ("Elle est née en février 2009 au Mali.", "date", "février 2009"),
        ("Date de naissance : octobre 2014.", "date", "octobre 2014"),
        ("Sa sœur, née en 2011, vit chez le père.", "age", "2011"),
        ("Né en 2008, il a connu quatre familles d'accueil.", "age", "2008"),
        ("Il est né le 3 mai.", "date", "3 mai"),
        ("Elle est née le vingt-deux avril.", "date", "vingt-deux avril"),
        ("Le bébé est né le 1er janvier.", "date", "1er janvier"),
    ],
)
def test_a_birth_date_or_year_is_found(text: str, kind: str, value: str) -> None:
    assert kinds_of(text, kind) == [value]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Audience le 2026-09-14 au tribunal.", "2026-09-14"),
        ("Le signalement du 2012-05-03 est resté sans suite.", "2012-05-03"),
        ("Il a été exclu le 12.03.11.", "12.03.11"),
        ("Elle est partie le vingt et un mars.", "vingt et un mars"),
        ("On se voit le trente et un octobre.", "trente et un octobre"),
        ("La fugue date du vingt-trois octobre.", "vingt-trois octobre"),
        ("Rendez-vous samedi 21/03 à 10 h.", "samedi 21/03"),
        ("Visite prévue le mardi 4/11.", "mardi 4/11"),
        ("On se voit le samedi 21.03 au service.", "samedi 21.03"),
        ("RDV lundi 16/03 à 14h.", "lundi 16/03"),
        ("Le 1er mai, il a fugué.", "1er mai"),
        ("Le 1ᵉʳ juin, la mère est revenue.", "1ᵉʳ juin"),
        ("Jeudi 12 février, la mère a appelé.", "Jeudi 12 février"),
    ],
)
def test_a_date_in_any_french_form_is_found(text: str, date: str) -> None:
    assert kinds_of(text, "date") == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Il lui reste 3/4 de la somme à payer.",
        "Il a eu le 12.5 de moyenne au brevet.",
        "La loi du 14 mars 2016 protège l'enfant.",
        "En 2019, le service a suivi 1500 familles.",
        "Il a fait trois séjours en mars.",
    ],
)
def test_numbers_and_laws_are_no_dates(text: str) -> None:
    assert kinds_of(text, "date") == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Le bébé a 18 mois.", "18 mois"),
        ("À 18 mois, il ne tenait pas assis.", "18 mois"),
        ("Son frère, 10 mois, est chez la grand-mère.", "10 mois"),
        ("La petite, âgée de six semaines, pleure beaucoup.", "six semaines"),
        ("Kylian a 3 ans et demi.", "3 ans et demi"),
        ("Il avait trois ans et demi au départ du père.", "trois ans et demi"),
        ("Il a quinze ans.", "quinze ans"),
        ("Une fille de quinze ans s'est présentée.", "quinze ans"),
        ("Quinze ans, et déjà trois fugues.", "Quinze ans"),
        ("Le bébé a un an.", "un an"),
        ("Il a 1 an et demi.", "1 an et demi"),
        ("Le petit de 2 ans ½ pleure.", "2 ans ½"),
        ("La mère, trente-quatre ans, est sans emploi.", "trente-quatre ans"),
        ("Elle a vingt-deux ans et deux enfants.", "vingt-deux ans"),
        ("Un enfant de dix-huit mois a été hospitalisé.", "dix-huit mois"),
    ],
)
def test_an_age_is_found(text: str, age: str) -> None:
    assert kinds_of(text, "age") == [age]


@pytest.mark.parametrize(
    "text",
    [
        "Elle est suivie depuis 3 ans.",
        "Le placement dure depuis deux ans et demi.",
        "Il y a quinze ans, la mère était déjà suivie.",
        "La mesure est renouvelée pour 2 ans.",
        "Il lui reste 18 mois de contrat.",
        "Nous attendons depuis six mois.",
        "Il a été condamné à 6 mois de prison.",
        "Elle a accouché un mois avant terme.",
        "Il a 3 mois pour trouver un logement.",
        "Il est suivi depuis un an.",
        "Il a un an de retard scolaire.",
        "Il y a un an, tout allait bien.",
    ],
)
def test_a_duration_is_no_age(text: str) -> None:
    assert kinds_of(text, "age") == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Ils ont passé l'été à Florence.", "Florence"),
        ("La mère vit à Valence.", "Valence"),
        ("La famille est originaire de Lourdes.", "Lourdes"),
        ("Il a fugué jusqu'à Nancy.", "Nancy"),
        ("Le père travaille à Laval.", "Laval"),
        ("Elle est venue de Nancy en train.", "Nancy"),
        ("Il habite Antony avec sa tante.", "Antony"),
    ],
)
def test_a_town_that_is_also_a_first_name_is_a_place_where_a_place_is_expected(
    text: str, town: str
) -> None:
    assert found(text) == [("place", town)]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Il a dit à Florence qu'il reviendrait.", "Florence"),
        ("Elle a écrit à Nancy pour son anniversaire.", "Nancy"),
        ("Il ressemble à Florence, sa sœur.", "Florence"),
        ("Florence refuse de parler.", "Florence"),
        ("La mère de Florence est hospitalisée.", "Florence"),
    ],
)
def test_the_same_name_stays_a_person_elsewhere(text: str, person: str) -> None:
    assert kinds_of(text, "person") == [person]


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        ("Il est suivi par France Travail.", "France Travail"),
        ("Elle est orientée vers la Maison des adolescents de Lille.", None),
        ("La Maison départementale des solidarités de Lens l'a reçue.", None),
        ("Elle est accueillie à la MECS Saint-Joseph.", "MECS Saint-Joseph"),
        ("Le collège de Valence a signalé ses absences.", "collège de Valence"),
        ("Il a été opéré au centre hospitalier de Florence.", "centre hospitalier de Florence"),
    ],
)
def test_an_institution_is_an_institution_not_a_person(text: str, institution: str | None) -> None:
    assert kinds_of(text, "person") == []
    institutions = kinds_of(text, "institution")
    assert institutions and (institution is None or institutions == [institution])


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Le père a un numéro belge : +32 470 12 34 56, il rappelle le soir.", "+32 470 12 34 56"),
        ("Sa tante au Maroc : +212 6 12 34 56 78.", "+212 6 12 34 56 78"),
        ("Joignable au 0044 20 7946 0958 en semaine.", "0044 20 7946 0958"),
        ("La grand-mère répond au +351 912 345 678.", "+351 912 345 678"),
    ],
)
def test_a_number_from_abroad_with_its_prefix_is_a_phone(text: str, phone: str) -> None:
    assert kinds_of(text, "phone") == [phone]
    assert phone not in pseudonymise(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le score est passé de +12 à +34 en un an.",
        "Il a eu +3 points, puis +15 au second trimestre.",
    ],
)
def test_signed_figures_are_not_phones_from_abroad(text: str) -> None:
    assert kinds_of(text, "phone") == []
