"""What the member is warned about and how it is replaced (identifying.py's policy)."""

from entrepairs.groups.detection import lexicon
from entrepairs.groups.identifying import find_identifying, pseudonymise


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifying(text)]


def test_it_finds_a_first_name_in_lower_case_or_at_the_start_of_a_sentence() -> None:
    assert kinds("hier, inès est rentrée du collège en pleurant.") == [("name", "inès")]
    assert kinds("Yanis refuse de parler.") == [("name", "Yanis")]


def test_a_town_an_institution_or_an_age_alone_identifies_nobody() -> None:
    assert kinds("Un garçon de 12 ans, suivi par France Travail à Roubaix.") == []
    assert kinds("La Maison départementale a convoqué la famille.") == []


def test_next_to_a_name_they_are_replaced_by_their_own_placeholders() -> None:
    text = "Lucas, 12 ans, suivi par France Travail à Roubaix, est né en 2011."
    assert kinds(text) == [
        ("name", "Lucas"),
        ("age", "12 ans"),
        ("institution", "France Travail"),
        ("place", "Roubaix"),
        ("age", "2011"),
    ]
    assert pseudonymise(text, find_identifying(text)) == (
        "Personne A, [âge], suivi par [structure] à [lieu], est né en [année]."
    )


def test_a_person_keeps_one_pseudonym_and_used_letters_are_skipped() -> None:
    text = "Personne A a vu Kevin Marchand. Kevin a appelé Mme Benali au 06 12 34 56 78."
    assert pseudonymise(text) == (
        "Personne A a vu Personne B. Personne B a appelé Personne C au [téléphone]."
    )


def test_nir_iban_and_a_date_without_a_year_are_found() -> None:
    text = "NIR 1 85 05 75 123 456 78, IBAN FR76 3000 6000 0112 3456 7890 189, vue le 3 mars."
    assert [k for k, _ in kinds(text)] == ["nir", "iban", "date"]


def test_pseudonyms_and_authors_are_left_alone() -> None:
    assert kinds("Personne A et Mme X. ont relu Winnicott ; l'enfant B. a 7 ans.") == []


def test_the_kind_is_shown_in_the_reader_s_language() -> None:
    from django.utils import translation

    (finding,) = find_identifying("Appelez le 06 12 34 56 78.")
    with translation.override("fr"):
        assert finding.label == "numéro de téléphone"


def test_the_model_is_loaded_once_per_process() -> None:
    find_identifying("Lucas est venu.")
    find_identifying("Inès est venue.")
    assert lexicon.nlp.cache_info().currsize == 1


def test_the_check_endpoint_answers_what_its_schema_says(gw, api_for) -> None:
    from django.urls import path
    from drf_spectacular.generators import SchemaGenerator

    from entrepairs.groups.api.views import SituationCheckView

    route = path("api/v1/groups/situations/check/", SituationCheckView.as_view())
    schema = SchemaGenerator(patterns=[route]).get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    answer, finding = components["SituationCheckAnswer"], components["SituationFinding"]
    kinds = components[finding["properties"]["kind"]["$ref"].rsplit("/", 1)[1]]["enum"]
    api = api_for(gw.w.professional)
    text = "Lucas, 12 ans, vit à Roubaix ; appelez le 06 12 34 56 78."
    body = api.post(
        "/api/v1/groups/situations/check/", {"group": gw.group.pk, "text": text}, format="json"
    ).json()
    assert set(body) == set(answer["properties"])
    for found in body["findings"]:
        assert set(found) == set(finding["properties"])
        assert found["kind"] in kinds
    assert [f["kind"] for f in body["findings"]] == ["name", "age", "place", "phone"]
    assert body["pseudonymised"] == "Personne A, [âge], vit à [lieu] ; appelez le [téléphone]."


def test_a_pseudonymised_text_is_not_flagged_again() -> None:
    text = "J'ai reçu Mme Lefebvre et son fils Kevin, né le 12/03/2012, à Roubaix."
    clean = pseudonymise(text, find_identifying(text))
    assert clean == "J'ai reçu Personne A et son fils Personne B, né le [date], à [lieu]."
    assert find_identifying(clean) == []


def test_a_name_with_an_elided_particle_is_replaced_whole() -> None:
    """Outside test: "Mme D'Almeida" became "Personne AAlmeida" (half the name kept)."""
    from entrepairs.groups.identifying import find_identifying, pseudonymise

    for text, name in (
        ("Mme D'Almeida a appelé le 06 12 34 56 78.", "Almeida"),
        ("Mme N'Diaye a 47 ans, tél. 06 12 34 56 78.", "Diaye"),
    ):
        rewritten = pseudonymise(text, find_identifying(text))
        assert name not in rewritten and "Personne A" in rewritten, rewritten


def test_one_person_gets_one_pseudonym_however_the_name_is_written() -> None:
    text = (
        "Kevin a fugué. Le soir, Kevin Marchand est revenu ; Marchand Kevin figure au dossier. "
        "Sa sœur Inès N'Diaye l'attendait, et Mme N'Diaye a rappelé."
    )
    assert pseudonymise(text) == (
        "Personne A a fugué. Le soir, Personne A est revenu ; Personne A figure au dossier. "
        "Sa sœur Personne B l'attendait, et Personne B a rappelé."
    )


def test_a_surname_alone_is_the_person_of_that_name_named_last() -> None:
    text = (
        "Kevin Marchand est placé. Sa mère, Sandrine Marchand, vient le voir. "
        "Kevin pleure, Mme Marchand aussi."
    )
    assert pseudonymise(text) == (
        "Personne A est placé. Sa mère, Personne B, vient le voir. "
        "Personne A pleure, Personne B aussi."
    )


def test_no_letter_of_a_name_with_particles_stays_in_clear() -> None:
    text = "De Souza Ana, M. Carvalho dos Reis, Mme Van den Broeck et Moussa N'Diaye sont venus."
    assert pseudonymise(text) == "Personne A, Personne B, Personne C et Personne D sont venus."
