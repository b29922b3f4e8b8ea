"""Transfers between agencies (issue 14, point 2): a youth goes only to a child-welfare agency (an
association or a public service would read the file: refused next to the field on the page, 400
with the field in the API, nothing written, the attempt in the audit trail); once the receiving
agency accepts, the sending agency keeps its own history (the transfer, naming the youth) and
loses the file."""

from typing import Any

import pytest
from auditlog.models import LogEntry

from entrepairs.mentoring.models import Transfer, Youth

from .test_transfer_handover import _coordinator

API = "/api/v1/mentoring"
MESSAGE = "A youth is transferred only to a child-welfare agency."


@pytest.fixture
def outsiders(mworld) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from entrepairs.organisations.models import Organisation

    return {
        kind: Organisation.objects.create(name=f"Orga {kind}", slug=f"orga-{kind}", kind=kind)
        for kind in ("association", "public", "provider", "other")
    }


def _refusals(youth: Youth) -> Any:
    return LogEntry.objects.filter(
        object_pk=str(youth.pk),
        additional_data__event="refused",
        additional_data__action="transfer",
    )


@pytest.mark.parametrize("kind", ["association", "public", "provider", "other"])
def test_a_transfer_to_a_non_agency_is_refused_page_and_api(
    mworld, active_match, outsiders, client_for, api_for, kind: str
) -> None:
    youth, worker = mworld.youth, mworld.world.worker_b
    target = outsiders[kind]
    page = client_for(worker).post(
        f"/mentoring/youths/{youth.pk}/",
        {"action": "transfer", "x-to_agency": target.pk, "confirmed": "1"},
    )
    assert page.status_code == 200
    assert MESSAGE in page.content.decode()
    api = api_for(worker).post(
        f"{API}/youths/{youth.pk}/transfer/", {"to_agency": str(target.pk)}, format="json"
    )
    assert api.status_code == 400
    assert api.json()["error"]["fields"]["to_agency"] == [MESSAGE]
    assert not Transfer.objects.filter(youth=youth).exists()
    assert Youth.objects.get(pk=youth.pk).agency == mworld.world.org_b
    # The page's form refuses it from the domain's list; the service refuses (and audits) the API.
    assert _refusals(youth).count() == 1
    assert MESSAGE in _refusals(youth).first().additional_data["message"]


def test_only_child_welfare_agencies_are_offered_page_and_api(
    mworld, active_match, outsiders, client_for, api_for
) -> None:
    """Issue 15: the form and the API list `selectors.transfer_agencies`: agencies only, neither
    the youth's own nor the programme's organisation."""
    from entrepairs.mentoring.selectors import transfer_agencies

    youth, worker = mworld.youth, mworld.world.worker_b
    offered = set(transfer_agencies(youth))
    assert mworld.org_c in offered
    assert not offered & set(outsiders.values())
    assert youth.agency not in offered and youth.programme.organisation not in offered
    html = client_for(worker).get(f"/mentoring/youths/{youth.pk}/").content.decode()
    form = html[html.index('id="transfer-form"') :]
    form = form[: form.index("</form>")]
    assert f'value="{mworld.org_c.pk}"' in form
    for outsider in outsiders.values():
        assert str(outsider.pk) not in form and outsider.name not in form
    assert f'value="{youth.agency_id}"' not in form
    listed = api_for(worker).get(f"{API}/youths/{youth.pk}/transfer-agencies/")
    assert listed.status_code == 200
    assert {row["id"] for row in listed.json()} == {str(o.pk) for o in offered}


def test_the_transfer_button_asks_for_confirmation_first(mworld, active_match, client_for) -> None:
    youth, worker = mworld.youth, mworld.world.worker_b
    client = client_for(worker)
    url = f"/mentoring/youths/{youth.pk}/"
    asked = client.post(url, {"action": "transfer", "x-to_agency": mworld.org_c.pk})
    assert asked.status_code == 200
    body = asked.content.decode()
    assert 'id="confirm-action"' in body and mworld.org_c.name in body
    assert 'name="confirmed" value="1"' in body
    assert not Transfer.objects.filter(youth=youth).exists()
    done = client.post(
        url, {"action": "transfer", "x-to_agency": mworld.org_c.pk, "confirmed": "1"}
    )
    assert done.status_code == 302
    assert Transfer.objects.get(youth=youth).to_agency == mworld.org_c


def test_the_sending_agency_keeps_its_history_not_the_file(
    mworld, active_match, client_for, api_for
) -> None:
    youth, sender = mworld.youth, mworld.world.worker_b
    receiver = _coordinator(mworld.org_c, "Rachel", mworld.world.password)
    created = api_for(sender).post(
        f"{API}/youths/{youth.pk}/transfer/", {"to_agency": str(mworld.org_c.pk)}, format="json"
    )
    assert created.status_code == 200
    transfer_id = created.json()["id"]
    assert api_for(receiver).post(f"{API}/transfers/{transfer_id}/accept/").status_code == 200
    # the history: the transfer, naming the youth, without a way into the file
    seen = api_for(sender).get(f"{API}/transfers/{transfer_id}/").json()
    assert seen["youth_name"] == str(youth) and seen["youth_id"] is None
    page = client_for(sender).get(f"/mentoring/transfers/{transfer_id}/")
    assert page.status_code == 200 and str(youth) in page.content.decode()
    assert f"/mentoring/youths/{youth.pk}/" not in page.content.decode()
    # not the file
    assert client_for(sender).get(f"/mentoring/youths/{youth.pk}/").status_code == 404
    assert api_for(sender).get(f"{API}/youths/{youth.pk}/").status_code == 404
