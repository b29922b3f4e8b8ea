"""What the page crawl found in mentoring's French pages, told in words: the availability of the
application form, the matching weights, why a person was left unmatched (the solver's reasons are
codes and English sentences), a match named by its people, and records' dates."""

from datetime import date

import pytest
from django import forms
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_it_offers_the_half_days_of_the_application_form_in_words():
    from entrepairs.mentoring.forms import ApplicationForm

    with translation.override("fr"):
        field = ApplicationForm().fields["availability"]
        assert isinstance(field, forms.MultipleChoiceField)
        choices = dict(field.choices)  # type: ignore[arg-type]
        assert choices["mon-am"] == "lundi matin"
        assert choices["sun-pm"] == "dimanche après-midi"


def test_it_names_the_matching_criteria_of_a_programme_in_words(mworld):
    mworld.programme.weights = {"experience_gap": 0.5, "interests": 3}
    with translation.override("fr"):
        rows = dict(mworld.programme.weight_rows())
    assert rows["Expérience du ou de la mentor"] == 0.5
    assert rows["Centres d’intérêt communs"] == 3.0
    assert not any("_" in label for label in rows)


def test_it_explains_why_a_person_was_left_unmatched_in_the_readers_language(mworld):
    from entrepairs.mentoring.models import Unmatched

    youth_left = Unmatched(
        youth=mworld.youth,
        reason="no_feasible_partner",
        message="No provider meets the hard constraints; most often they have no common language.",
    )
    mentor_left = Unmatched(
        mentor=mworld.mentor, reason="capacity", message="All compatible seekers are matched."
    )
    with translation.override("fr"):
        assert youth_left.explanation() == (
            "Aucun·e mentor ne remplit les conditions du programme. "
            "Le plus souvent\u00a0: ils n’ont aucune langue en commun."
        )
        assert mentor_left.explanation() == (
            "Chaque jeune compatible est déjà jumelé·e avec quelqu’un d’autre."
        )
    with translation.override("en"):
        assert mentor_left.explanation() == "Every compatible youth is matched with someone else."


def test_it_names_a_match_by_its_people(active_match, mworld):
    youth, mentor = mworld.youth.person, mworld.mentor.person
    from entrepairs.mentoring.rules import match_name_for
    from entrepairs.organisations.viewer import viewer_for

    with translation.override("fr"):
        name = match_name_for(viewer_for(mworld.world.coordinator.user), active_match)
    assert name == (
        f"Jumelage {youth.first_name} {youth.last_name[0]}. – "
        f"{mentor.first_name} {mentor.last_name[0]}."
    )


def test_it_dates_records_in_the_readers_format_never_iso():
    from entrepairs.core.dates import shown_date

    with translation.override("fr"):
        assert shown_date(date(2026, 10, 16)) == "16/10/2026"
    with translation.override("en"):
        assert "2026-10-16" not in shown_date(date(2026, 10, 16))
    assert shown_date(None) == ""


def test_it_explains_a_score_in_a_sentence_strongest_criterion_first():
    from entrepairs.mentoring.models import score_sentence

    breakdown = [
        ["interests", 3.0, 0.67, 2.0],
        ["language", 1.0, 1.0, 1.0],
        ["distance", 1.0, 0.1, 0.1],
        ["experience_gap", 0.0, 1.0, 0.0],
    ]
    with translation.override("fr"):
        assert score_sentence(breakdown) == (
            "Points forts\u00a0: des centres d’intérêt communs, une langue commune."
        )
        assert score_sentence([["distance", 1.0, 0.2, 0.2]]) == (
            "Aucun critère ne se distingue pour ce binôme."
        )


def test_it_tells_what_this_pair_shares_in_words_and_the_score_without_a_formula():
    from types import SimpleNamespace

    from entrepairs.mentoring.models import score_rows, score_sentence

    youth = SimpleNamespace(
        interests=["music", "football", "cooking"],
        person=SimpleNamespace(region="Bretagne", languages=["fr"], availability=["mon_am"]),
    )
    mentor = SimpleNamespace(
        interests=["music", "football"],
        person=SimpleNamespace(region="Bretagne", languages=["fr", "ar"], availability=[]),
    )
    breakdown = [
        ["distance", 2.0, 1.0, 2.0],
        ["interests", 1.0, 0.67, 0.67],
        ["language", 0.5, 1.0, 0.5],
        ["availability", 1.0, 0.0, 0.0],
    ]
    with translation.override("fr"):
        assert score_sentence(breakdown, youth, mentor) == (
            "Points forts\u00a0: la même région, deux centres d’intérêt communs, une langue commune."
        )
        rows = score_rows(breakdown)
        assert rows[1] == "Centres d’intérêt communs\u00a0: atteint à 67\u00a0%, poids 1"
        assert rows[2] == "Langue commune\u00a0: atteint à 100\u00a0%, poids 0,5"
        assert not any("×" in row or "=" in row for row in rows)
    with translation.override("en"):
        assert score_sentence(breakdown, youth, mentor) == (
            "Strong points: the same region, two interests in common, one common language."
        )
