"""The pages of safety checks and key decisions, in French, walked as a core-team member and an
expert would: no English left on them (every string of the topic is checked)."""

import html
import re

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.casework.models import RiskFactor

from .decisions_fixtures import *  # noqa: F403 - the `dw` fixture

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _english_strings() -> set[str]:
    """The topic's English strings that French translates differently (from the catalogue)."""
    path = django_settings.BASE_DIR / "entrepairs/locale/fr/LC_MESSAGES/django.po"
    topic = path.read_text().split("# casework decisions (issue 12 points 6 and 8)", 1)[1]
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', topic, flags=re.M)
    strings = {
        msgid.replace('\\"', '"')
        for msgid, msgstr in pairs
        if msgstr != msgid and "%(" not in msgid and len(msgid) > 8
    }
    assert len(strings) > 100  # positive control: the topic's catalogue is read
    return strings


def _text(response) -> str:  # type: ignore[no-untyped-def]
    body = response.content.decode()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_pages_speak_french_from_scheduling_to_deciding(dw, client_for, settings) -> None:
    settings.LANGUAGE_CODE = "fr"
    english = _english_strings()
    fr = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    paula = client_for(dw.w.professional)
    pages = []

    case_page = paula.get(f"/casework/cases/{dw.case.pk}/", **fr)
    assert "Contrôles de sécurité et décisions clés" in _text(case_page)
    pages.append(case_page)
    pages.append(paula.get(f"/casework/cases/{dw.case.pk}/safety-check/new/", **fr))
    scheduled = paula.post(
        f"/casework/cases/{dw.case.pk}/safety-check/new/", {"due_on": TODAY}, **fr
    )
    check_url = scheduled["Location"]
    pages.append(paula.get(check_url, **fr))
    critical = RiskFactor.objects.get(organisation=dw.w.org_a, label__startswith="Signes de mal")
    refused = paula.post(check_url, {"done_on": TODAY, "notes": ""}, **fr)
    assert "Écrivez ce que le contrôle a relevé." in _text(refused)
    pages.append(refused)
    paula.post(
        check_url,
        {
            "done_on": TODAY, "notes": "Bleus visibles", "factors": [critical.pk],
            "insecurity_signs": "on", "ip_sent_on": TODAY, "ip_recipient": "CRIP du Nord",
        },
        **fr,
    )  # fmt: skip
    done = paula.get(check_url, **fr)
    assert "Risque élevé" in _text(done) and "CRIP du Nord" in _text(done)
    pages.append(done)
    team = paula.get(f"/casework/teams/{dw.w.core.pk}/", **fr)
    assert "À aborder à la prochaine réunion\u00a0: sécurité" in _text(team)
    assert "Risque élevé relevé le" in _text(team)
    assert "Décision clé à prendre" in _text(team)
    pages.append(team)
    pages.append(paula.get(f"/casework/cases/{dw.case.pk}/decision/new/", **fr))
    pages.append(paula.get(f"/casework/cases/{dw.case.pk}/placement-change/", **fr))
    refused = paula.post(f"/casework/decisions/{dw.gated.pk}/decide/", {"outcome": "Oui"}, **fr)
    assert "Cette décision requiert l’avis de\u00a0: Psychologue." in _text(refused)
    pages.append(refused)
    services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    pauline = client_for(dw.psy)
    pages.append(pauline.get("/casework/expert/", **fr))
    pages.append(pauline.get(f"/casework/decisions/{dw.gated.pk}/", **fr))
    pages.append(client_for(dw.w.coordinator).get("/casework/settings/decisions/", **fr))
    pages.append(client_for(dw.w.coordinator).get("/casework/", **fr))
    for page in pages:
        assert page.status_code == 200
        text = _text(page)
        left = sorted(s for s in english if re.search(rf"\b{re.escape(s)}\b", text))
        assert left == [], (page.wsgi_request.path, left)
