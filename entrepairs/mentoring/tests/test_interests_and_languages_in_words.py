"""A youth's and a mentor's interests and languages read in the reader's language wherever they
show (issue 15 point 4, outside test: interests in English and languages as « fr », « ar » on
French pages): the youth file, the mentor record, the person page, the facts a mentor sees on the
match page, the forms; typed either way, stored as codes (the API keeps them)."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring.interests import interest_code, interest_labels

pytestmark = pytest.mark.django_db


def _french(client):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[-1]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def speaking(mworld):  # type: ignore[no-untyped-def]
    """The youth likes music and video games and speaks French and Arabic; the mentor typed
    « Musique » and « Cuisine » in French and speaks Arabic, typed by its name."""
    youth, mentor = mworld.youth, mworld.mentor
    youth.interests = ["music", "video games"]  # a value stored before codes existed, too
    youth.save()
    youth.person.languages = ["fr", "ar"]
    youth.person.save()
    mentor.person.languages = ["Arabe"]
    mentor.person.full_clean()
    mentor.person.save()
    return mworld


def test_the_services_store_codes_whatever_the_language_typed(mworld):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring import services

    mentor = services.mentor_apply(
        programme=mworld.programme,
        first_name="Rita",
        last_name="Typeuse",
        email="rita@mentors.test",
        languages=["Français", "arabe", "en"],
        interests=["Musique", "Jeux vidéo", "video games", "échecs"],
        region="Lille",
        birth_year=1990,
        mode="individual",
        capacity=1,
        motivation="Aider",
    )
    assert mentor.interests == ["music", "video_games", "échecs"]
    assert mentor.person.languages == ["fr", "ar", "en"]
    assert interest_code("MUSIC") == "music"
    with translation.override("fr"):
        assert interest_labels(mentor.interests) == ["musique", "jeux vidéo", "échecs"]
    with translation.override("en"):
        assert interest_labels(mentor.interests) == ["music", "video games", "échecs"]
    assert SYSTEM  # the services were called as the product calls them


def test_the_youth_file_and_the_mentor_record_say_labels_in_french(speaking, client_for):  # type: ignore[no-untyped-def]
    client = _french(client_for(speaking.world.coordinator))
    youth = _text(client.get(f"/mentoring/youths/{speaking.youth.pk}/"))
    assert "musique" in youth and "jeux vidéo" in youth
    assert "français" in youth and "arabe" in youth
    assert not re.search(r"\b(music|video games|fr|ar)\b", youth), youth
    mentor = _text(client.get(f"/mentoring/mentors/{speaking.mentor.pk}/"))
    assert "football" in mentor and "arabe" in mentor  # « football » is French too
    assert not re.search(r"\bar\b", mentor)


def test_the_person_page_names_languages(speaking, client_for):  # type: ignore[no-untyped-def]
    client = _french(client_for(speaking.world.coordinator_b))
    page = _text(client.get(f"/people/{speaking.youth.person.pk}/"))
    assert "français" in page and "arabe" in page and not re.search(r"\bfr\b", page)


def test_the_mentor_sees_the_youths_interests_in_words(speaking, active_match, client_for):  # type: ignore[no-untyped-def]
    client = _french(client_for(speaking.mentor.person))
    html = client.get(f"/mentoring/matches/{active_match.pk}/").content.decode()
    shared = html.split('id="mentor-view"', 1)[1].split("</div>", 1)[0]
    assert "musique, jeux vidéo" in shared
    assert "video games" not in shared and "music" not in shared


def test_the_edit_forms_show_names_and_the_api_keeps_codes(speaking, client_for, api_for):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring.forms import ApplicationForm
    from entrepairs.people.forms import LanguagesField

    with translation.override("fr"):
        assert LanguagesField().prepare_value(["fr", "ar"]) == "français, arabe"
        assert ApplicationForm().fields["interests"].prepare_value(["music"]) == "musique"
    api = api_for(speaking.world.coordinator)
    body = api.get(f"/api/v1/mentoring/youths/{speaking.youth.pk}/").json()
    assert body["interests"] == ["music", "video games"]
