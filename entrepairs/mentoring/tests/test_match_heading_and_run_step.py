"""Issue 15: a match's page is headed by its people (the one naming function, Match.name_with,
with the youths the viewer may see) and its state as a badge; a matching run's progress shows
its state and step in words, never the stored step code once finished."""

import pytest
from django.conf import settings

from entrepairs.mentoring.models import MatchingRun

pytestmark = pytest.mark.django_db


def test_the_match_page_is_headed_by_its_people(mworld, active_match, client_for) -> None:
    html = (
        client_for(mworld.world.coordinator)
        .get(f"/mentoring/matches/{active_match.pk}/")
        .content.decode()
    )
    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "Mona M." in heading and "Lina C." in heading
    assert 'id="match-status"' in heading and "Mentoring match" not in heading


def test_a_finished_run_shows_no_step_code(mworld, client_for) -> None:
    run = MatchingRun.objects.create(
        programme=mworld.programme,
        organisation=mworld.programme.organisation,
        status=MatchingRun.Status.DONE,
        progress=100,
        step="done",
    )
    client = client_for(mworld.world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(f"/mentoring/runs/{run.pk}/").content.decode()
    progress = html.split('id="run-progress"', 1)[1].split("</label>", 1)[0]
    assert "Avancement\u00a0: Terminé" in progress and "done" not in progress.split(">", 1)[1]
