"""Closure reasons are shown by their labels in the reader's language, with the label of their
kind, never by their codes (issue 14's outside test: English labels and codes on French pages)."""

from django.conf import settings

from entrepairs.mentoring.models import Match


def _french(client):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def _closed_for_moving(match: Match) -> None:
    Match.objects.filter(pk=match.pk).update(
        status=Match.Status.ENDED_EARLY, closure_reason="mentor_moving"
    )


def test_the_programme_page_names_reasons_and_kinds_in_french(
    mworld, active_match, client_for
) -> None:
    page = _french(client_for(mworld.world.coordinator)).get(
        f"/mentoring/programmes/{mworld.programme.pk}/"
    )
    text = page.content.decode()
    assert "Déménagement du ou de la mentor (Le ou la mentor part ou n" in text
    assert "Mentor moving" not in text and "ended_early" not in text


def test_the_report_names_closure_reasons_in_the_readers_language(
    mworld, active_match, api_for
) -> None:
    _closed_for_moving(active_match)
    url = f"/api/v1/mentoring/programmes/{mworld.programme.pk}/report/"
    api = api_for(mworld.world.coordinator)
    assert api.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["closures"] == [
        ["Déménagement du ou de la mentor", 1]
    ]
    assert api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["closures"] == [["Mentor moving", 1]]


def test_the_edit_form_offers_the_default_labels_in_french(mworld, client_for) -> None:
    page = _french(client_for(mworld.world.coordinator)).get(
        f"/mentoring/programmes/{mworld.programme.pk}/edit/"
    )
    text = page.content.decode()
    # One row per reason: its French label in a text box, its kind chosen by label; the code
    # travels only in a hidden field.
    assert 'value="Déménagement du ou de la mentor"' in text
    assert 'type="hidden" name="reasons-0-code"' in text
    assert "mentor_moving |" not in text and "| mentor_leaves" not in text


def test_the_default_adoption_note_is_in_the_readers_language(mworld) -> None:
    from django.utils import translation

    with translation.override("fr"):
        assert mworld.programme.adoption_note_text().startswith(
            "Le ou la mentor reste une personne"
        )
    mworld.programme.adoption_note = "Notre mot à nous."
    assert mworld.programme.adoption_note_text() == "Notre mot à nous."


def test_the_agreements_page_names_the_facts_not_their_codes(mworld, client_for) -> None:
    mworld.agreement.fields = ["first_name", "guardian_phone"]
    mworld.agreement.purposes = {"first_name": "Se saluer", "guardian_phone": "Les rencontres"}
    mworld.agreement.save()
    text = _french(client_for(mworld.world.coordinator)).get("/mentoring/agreements/").content
    page = text.decode()
    assert "Se saluer" in page and "Les rencontres" in page
    assert "first_name" not in page and "guardian_phone" not in page
