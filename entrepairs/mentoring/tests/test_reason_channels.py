"""Closure and pause reasons (issue 14, point 1): a coordinator cannot add or rename a closure
reason into a sanction, on the page or in the API (the refusal sits next to the reasons' field,
nothing is saved, the attempt is audited); a pause reason is read by the same reader as a closure
note, so the same texts are refused or accepted on both."""

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.forms import ProgrammeForm
from entrepairs.mentoring.models import Programme
from entrepairs.mentoring.reasons import kind_of
from entrepairs.mentoring.sanctions import REFUSED

SANCTION_LABEL = "Exclusion pour mauvais comportement"


def _renamed(programme: Programme, label: str) -> list[dict[str, str]]:
    reasons = [dict(r) for r in programme.closure_reasons]
    reasons[0]["label"] = label  # a legitimate reason renamed
    return reasons


def _page_data(programme: Programme, reasons: list[dict[str, str]]) -> dict[str, Any]:
    """The programme form as the page shows it, with the reasons typed in."""
    form = ProgrammeForm(
        instance=programme, organisations=type(programme.organisation).objects.all()
    )
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data[field.html_name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[field.html_name] = "on" if value is True else str(getattr(value, "pk", value))
    # one row per reason, as the page posts them (the code hidden; a new row has none)
    known = {r["code"] for r in programme.closure_reasons}
    data["reasons-TOTAL_FORMS"] = str(len(reasons))
    data["reasons-INITIAL_FORMS"] = str(len(programme.closure_reasons))
    for i, r in enumerate(reasons):
        data[f"reasons-{i}-code"] = r["code"] if r["code"] in known else ""
        data[f"reasons-{i}-label"] = r["label"]
        data[f"reasons-{i}-kind"] = kind_of(r)
    return data


def _refusals(programme: Programme) -> Any:
    return LogEntry.objects.filter(object_pk=str(programme.pk), additional_data__event=REFUSED)


@pytest.mark.parametrize("change", ["rename", "add"])
def test_a_reason_turned_into_a_sanction_is_refused_on_the_page_and_in_the_api(
    mworld, client_for, api_for, change: str
) -> None:
    programme = mworld.programme
    before = list(programme.closure_reasons)
    if change == "rename":
        reasons = _renamed(programme, SANCTION_LABEL)
    else:
        reasons = [*before, {"code": "conduct", "label": SANCTION_LABEL, "kind": "youth_wish"}]
    coordinator = mworld.world.coordinator
    page = client_for(coordinator).post(
        f"/mentoring/programmes/{programme.pk}/edit/", _page_data(programme, reasons)
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert "never withdrawn as a sanction" in str(form.reason_errors)
    api = api_for(coordinator).patch(
        f"/api/v1/mentoring/programmes/{programme.pk}/",
        {"closure_reasons": reasons},
        format="json",
    )
    assert api.status_code == 400
    assert "never withdrawn as a sanction" in str(api.json()["error"]["fields"]["closure_reasons"])
    programme.refresh_from_db()
    assert programme.closure_reasons == before
    assert [e.additional_data["what"] for e in _refusals(programme)] == ["closure_reason"] * 2


def test_a_legitimate_rename_is_saved_on_the_page_and_in_the_api(
    mworld, client_for, api_for
) -> None:
    """Positive control: renaming a reason plainly is allowed on both channels."""
    programme = mworld.programme
    coordinator = mworld.world.coordinator
    page = client_for(coordinator).post(
        f"/mentoring/programmes/{programme.pk}/edit/",
        _page_data(programme, _renamed(programme, "Le jeune souhaite arrêter")),
    )
    assert page.status_code == 302
    api = api_for(coordinator).patch(
        f"/api/v1/mentoring/programmes/{programme.pk}/",
        {"closure_reasons": _renamed(programme, "Souhait du jeune")},
        format="json",
    )
    assert api.status_code == 200, api.content
    programme.refresh_from_db()
    assert programme.closure_reasons[0]["label"] == "Souhait du jeune"
    assert not _refusals(programme).exists()


TEXTS = [
    ("Pause tant qu'il ne retourne pas au collège", True),
    ("Retrait du mentorat à cause de son comportement", True),
    ("Paused until he behaves at school", True),
    ("Ce n'est pas une sanction : la mentore est hospitalisée", False),
    ("Vacances d'été de la famille d'accueil", False),
]


@pytest.mark.parametrize(("text", "is_sanction"), TEXTS)
def test_a_pause_reason_and_a_closure_note_are_read_alike(
    mworld, active_match, text: str, is_sanction: bool
) -> None:
    verdicts = []
    try:
        lifecycle.match_pause(match=active_match, reason=text, kind="holidays", by=SYSTEM)
        verdicts.append(False)
        lifecycle.match_resume(match=active_match, by=SYSTEM)
    except ValidationError as exc:
        assert "reason" in exc.message_dict
        verdicts.append(True)
    try:
        lifecycle.match_close(
            match=active_match,
            reason="youth_wish",
            conversation_on=active_match.introduced_on,
            conversation="Entretien de clôture avec le jeune.",
            note=text,
            youth_view="Le jeune est d'accord.",
            by=SYSTEM,
        )
        verdicts.append(False)
    except ValidationError as exc:
        assert "note" in exc.message_dict
        verdicts.append(True)
    assert verdicts == [is_sanction, is_sanction]
