"""Closing a case or an incident asks first (issue 15 §9): the button opens a question (GET, the
same rule as the closing), the question's button closes (POST); others are not asked."""

from django.conf import settings

from .. import services
from ..models import Case, Incident
from .test_care import _incident, care  # noqa: F401  (the fixture)


def _french(client):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def test_closing_a_case_asks_first(care, client_for) -> None:  # noqa: F811
    address = f"/casework/cases/{care.lina.pk}/close/"
    guardian = _french(client_for(care.w.professional))
    case_page = guardian.get(f"/casework/cases/{care.lina.pk}/").content.decode()
    assert f'<form method="get" action="{address}"' in case_page

    html = guardian.get(address).content.decode()
    assert "Clore ce dossier\u202f?" in html and f'<form method="post" action="{address}"' in html
    assert Case.objects.get(pk=care.lina.pk).is_active  # nothing happened yet

    assert guardian.post(address).status_code == 302
    assert not Case.objects.get(pk=care.lina.pk).is_active
    # Someone of another organisation is not asked.
    assert (
        client_for(care.w.coordinator_b).get(f"/casework/cases/{care.noe.pk}/close/").status_code
        == 404
    )


def test_closing_an_incident_asks_first(care, client_for) -> None:  # noqa: F811
    incident = _incident(care)
    services.incident_analyse(
        incident=incident,
        causes="Conflit au foyer",
        lessons="Prévenir plus tôt",
        by=care.w.professional,
    )
    address = f"/casework/incidents/{incident.pk}/close/"
    client = _french(client_for(care.w.professional))
    html = client.get(address).content.decode()
    assert "Clore cet incident\u202f?" in html and f'<form method="post" action="{address}"' in html
    assert Incident.objects.get(pk=incident.pk).status == Incident.Status.OPEN
    assert client.post(address).status_code == 302
    assert Incident.objects.get(pk=incident.pk).status == Incident.Status.CLOSED
    # Someone of another organisation is not asked (client_for signs the same client in again).
    assert client_for(care.w.coordinator_b).get(address).status_code == 404
