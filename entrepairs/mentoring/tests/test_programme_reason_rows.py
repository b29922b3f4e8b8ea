"""The programme form names closure reasons by their label, one row each (issue 15: no code in
the French UI): the kind is chosen by its label, the code stays hidden, a new row gets a code
made from its label, and the service's no-sanction rule still applies."""

import re

from django.conf import settings

from entrepairs.mentoring.reasons import CLOSURE_KINDS

from .test_reason_channels import _page_data


def test_it_shows_each_reason_by_its_french_label_and_no_code(mworld, client_for) -> None:
    programme = mworld.programme
    client = client_for(mworld.world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(f"/mentoring/programmes/{programme.pk}/edit/").content.decode()
    visible = re.sub(r'<input type="hidden"[^>]*>|<[^>]+>', " ", html)
    for reason in programme.closure_reasons:
        assert f'value="{reason["code"]}"' in html  # hidden, to keep each reason's identity
        assert not re.search(rf"(?<![\w-]){re.escape(reason['code'])}(?![\w-])", visible)
    assert "Objectifs atteints" in visible  # a kind, by its French label
    assert "code | " not in html


def test_it_adds_a_reason_with_a_generated_code_and_keeps_the_others(mworld, client_for) -> None:
    programme = mworld.programme
    before = [dict(r) for r in programme.closure_reasons]
    reasons = [*before, {"code": "", "label": "Fin des études du mentor", "kind": "mentor_leaves"}]
    page = client_for(mworld.world.coordinator).post(
        f"/mentoring/programmes/{programme.pk}/edit/", _page_data(programme, reasons)
    )
    assert page.status_code == 302
    programme.refresh_from_db()
    assert programme.closure_reasons[: len(before)] == before  # unchanged labels stay as stored
    added = programme.closure_reasons[-1]
    assert added == {
        "code": "fin_des_etudes_du_mentor",
        "label": "Fin des études du mentor",
        "kind": "mentor_leaves",
    }


def test_it_removes_a_reason_ticked_for_removal(mworld, client_for) -> None:
    programme = mworld.programme
    before = [dict(r) for r in programme.closure_reasons]
    data = _page_data(programme, before)
    data["reasons-0-DELETE"] = "on"
    page = client_for(mworld.world.coordinator).post(
        f"/mentoring/programmes/{programme.pk}/edit/", data
    )
    assert page.status_code == 302
    programme.refresh_from_db()
    assert programme.closure_reasons == before[1:]


def test_it_asks_for_the_kind_of_a_named_reason(mworld, client_for) -> None:
    programme = mworld.programme
    before = [dict(r) for r in programme.closure_reasons]
    data = _page_data(programme, before)
    data["reasons-TOTAL_FORMS"] = str(len(before) + 1)
    data[f"reasons-{len(before)}-label"] = "Fin du stage"
    page = client_for(mworld.world.coordinator).post(
        f"/mentoring/programmes/{programme.pk}/edit/", data
    )
    assert page.status_code == 200
    assert page.context["form"].reasons.forms[len(before)].errors["kind"]
    programme.refresh_from_db()
    assert programme.closure_reasons == before
    assert set(CLOSURE_KINDS) >= {r["kind"] for r in before}
