"""Every write of mentoring.services the API exposes (and adding a co-mentor) gives the same answer
on the page and in the API, from one table of cases (entrepairs/core/tests/parity.py): success to
the right person, the service's refusal to the wrong one, 404 for another organisation's record.

Screening, flags and decisions on mentors, proposals, the writes on a match and on a youth's file
have their tables in test_permission_parity.py; training records in test_write_parity.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    HIDDEN_IN_BODY,
    OK,
    Refused,
    Write,
    assert_same,
    page_as,
    run_both,
)
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.forms import ProgrammeForm
from entrepairs.mentoring.models import Programme, SharingAgreement, Youth

API = "/api/v1/mentoring"
SERVICES = "entrepairs.mentoring.services."
ENROLS = "Only the programme's coordinators and the youth's agency enrol a youth."
RUNS = "Only the programme's coordinators introduce a match or add a mentor."


def _form_data(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts back for an unchanged form."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[form.add_prefix(name)] = "on"
        elif isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(getattr(v, "pk", v)) for v in value]
        elif value is not None:
            data[form.add_prefix(name)] = str(getattr(value, "pk", value))
    return data


def _formset_data(formset: forms.BaseFormSet) -> dict[str, Any]:
    """What a browser posts back for an unchanged formset: its management form and its rows."""
    data = _form_data(formset.management_form)
    for row in formset.forms:
        data.update(_form_data(row))
    return data


def the(name: str) -> Any:
    return lambda ctx: getattr(ctx, name)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    write: Write
    args: dict[str, Any]
    expected: Any


# --- programme_save ----------------------------------------------------------------------------


def _programme_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    programme = args["programme"](ctx)
    own = ctx.m.programme
    form = ProgrammeForm(instance=own, organisations=type(own.organisation).objects.all())
    data = _form_data(form)
    data["name"] = "Renamed"
    data.update(_formset_data(form.reasons))
    return page_as(ctx, actor).post(f"/mentoring/programmes/{programme.pk}/edit/", data)


def _programme_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    programme = args["programme"](ctx)
    return ctx.api_for(actor).patch(
        f"{API}/programmes/{programme.pk}/", {"name": "Renamed"}, format="json"
    )


PROGRAMME = Write(_programme_page, _programme_api, SERVICES + "programme_save", api_ok=200)

# --- agreement_save, agreement_proposal_accept / _decline ---------------------------------------


def _agreement_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    agreement = args["agreement"](ctx)
    data = {"share_first_name": "on", "purpose_first_name": "address the youth"}
    return page_as(ctx, actor).post(f"/mentoring/agreements/{agreement.pk}/", data)


def _agreement_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    agreement = args["agreement"](ctx)
    body = {"fields": ["first_name"], "purposes": {"first_name": "address the youth"}}
    return ctx.api_for(actor).patch(f"{API}/agreements/{agreement.pk}/", body, format="json")


AGREEMENT = Write(_agreement_page, _agreement_api, SERVICES + "agreement_save", api_ok=200)


def _answer(action: str) -> Write:
    def page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        agreement = args["agreement"](ctx)
        return page_as(ctx, actor).post(
            f"/mentoring/agreements/{agreement.pk}/", {"action": action}
        )

    def api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        agreement = args["agreement"](ctx)
        return ctx.api_for(actor).post(f"{API}/agreements/{agreement.pk}/{action}/")

    return Write(page, api, SERVICES + f"agreement_proposal_{action}", api_ok=200)


ACCEPT, DECLINE = _answer("accept"), _answer("decline")
OTHER_PARTY = "The other party answers this proposal."

# --- youth_enrol -------------------------------------------------------------------------------


def _intake(ctx: Any, args: dict[str, Any]) -> dict[str, str]:
    return {
        "programme": str(args["programme"](ctx).pk),
        "agency": str(args["agency"](ctx).pk),
        "first_name": "Nina",
        "last_name": "Nouvelle",
        "birth_date": args.get("birth_date", "2012-03-04"),
        "mode": "individual",
    }


def _enrol_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post("/mentoring/youths/new/", _intake(ctx, args))


def _enrol_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(f"{API}/youths/", _intake(ctx, args), format="json")


ENROL = Write(_enrol_page, _enrol_api, SERVICES + "youth_enrol")

# --- readiness_record (its refusal; OK and HIDDEN are in test_permission_parity) ---------------


def _readiness_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    data = {"action": "readiness", "r-readiness": args["readiness"], "r-mode": "individual"}
    return page_as(ctx, actor).post(f"/mentoring/youths/{ctx.m.youth.pk}/", {**data, "r-note": "x"})


def _readiness_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    body = {"readiness": args["readiness"], "mode": "individual", "note": "x"}
    return ctx.api_for(actor).post(f"{API}/youths/{ctx.m.youth.pk}/readiness/", body, format="json")


READINESS = Write(_readiness_page, _readiness_api, SERVICES + "readiness_record", api_ok=200)

# --- training_record on a mentor's page (another organisation's mentor) ------------------------


def _training_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    data = {"action": "training", "t-module": ctx.m.module.pk, "t-completed_on": "2026-01-05"}
    return page_as(ctx, actor).post(f"/mentoring/mentors/{ctx.m.mentor.pk}/", data)


def _training_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    body = {"module": str(ctx.m.module.pk), "completed_on": "2026-01-05"}
    return ctx.api_for(actor).post(
        f"{API}/mentors/{ctx.m.mentor.pk}/training/", body, format="json"
    )


TRAINING = Write(
    _training_page, _training_api, "entrepairs.training.services.completion_record", api_ok=200
)

# --- mentor_apply (the public form: no account) ------------------------------------------------


def _application(args: dict[str, Any]) -> dict[str, Any]:
    return {
        "first_name": "Paul",
        "last_name": "Postulant",
        "email": args["email"],
        "birth_year": 1980,
        "mode": "individual",
        "capacity": 1,
        "motivation": "I want to help",
    }


def _apply_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    ctx.client.logout()
    programme = args["programme"](ctx)
    return ctx.client.post(f"/mentoring/programmes/{programme.pk}/apply/", _application(args))


def _apply_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    programme = args["programme"](ctx)
    return APIClient().post(
        f"{API}/programmes/{programme.pk}/apply/", _application(args), format="json"
    )


# The page thanks the applicant without a redirect: its success is checked by
# test_an_application_is_received_on_the_page_and_in_the_api below.
APPLY = Write(_apply_page, _apply_api, SERVICES + "mentor_apply")

# --- lifecycle.match_add_mentor ----------------------------------------------------------------


def _add_mentor_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    mentor = args["mentor"](ctx)
    return page_as(ctx, actor).post(
        f"/mentoring/matches/{ctx.group.pk}/", {"action": "add_mentor", "mentor": str(mentor.pk)}
    )


def _add_mentor_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    mentor = args["mentor"](ctx)
    return ctx.api_for(actor).post(
        f"{API}/matches/{ctx.group.pk}/add-mentor/", {"mentor": str(mentor.pk)}, format="json"
    )


ADD_MENTOR = Write(
    _add_mentor_page,
    _add_mentor_api,
    "entrepairs.mentoring.lifecycle.match_add_mentor",
    api_ok=200,
)

CASES = [
    # programme_save
    Case(
        "a programme saved by its coordinator",
        "coordinator",
        PROGRAMME,
        {"programme": the("programme")},
        OK,
    ),
    Case(
        "a programme saved by a partner agency's case worker, who sees it",
        "worker_b",
        PROGRAMME,
        {"programme": the("programme")},
        FORBIDDEN,
    ),
    Case(
        "another organisation's programme saved by a coordinator",
        "coordinator",
        PROGRAMME,
        {"programme": the("programme_c")},
        HIDDEN,
    ),
    # agreement_save
    Case(
        "an agreement narrowed by a party's coordinator",
        "coordinator",
        AGREEMENT,
        {"agreement": the("agreement")},
        OK,
    ),
    Case(
        "an agreement changed by the agency's case worker, who sees it",
        "worker_b",
        AGREEMENT,
        {"agreement": the("agreement")},
        FORBIDDEN,
    ),
    Case(
        "an agreement between two other organisations changed by a coordinator",
        "coordinator_b",
        AGREEMENT,
        {"agreement": the("agreement_c")},
        HIDDEN,
    ),
    # agreement_proposal_accept / _decline
    Case(
        "a proposal accepted by the other party",
        "coordinator_b",
        ACCEPT,
        {"agreement": the("agreement")},
        OK,
    ),
    Case(
        "a proposal accepted by the party that proposed it",
        "coordinator",
        ACCEPT,
        {"agreement": the("agreement")},
        Refused(OTHER_PARTY),
    ),
    Case(
        "a proposal accepted by the agency's case worker",
        "worker_b",
        ACCEPT,
        {"agreement": the("agreement")},
        FORBIDDEN,
    ),
    Case(
        "a proposal on another organisations' agreement accepted",
        "coordinator_b",
        ACCEPT,
        {"agreement": the("agreement_c")},
        HIDDEN,
    ),
    Case(
        "a proposal declined by the other party",
        "coordinator_b",
        DECLINE,
        {"agreement": the("agreement")},
        OK,
    ),
    Case(
        "a proposal declined by the party that proposed it",
        "coordinator",
        DECLINE,
        {"agreement": the("agreement")},
        Refused(OTHER_PARTY),
    ),
    Case(
        "a proposal on another organisations' agreement declined",
        "coordinator_b",
        DECLINE,
        {"agreement": the("agreement_c")},
        HIDDEN,
    ),
    # youth_enrol
    Case(
        "a youth enrolled by the programme's coordinator",
        "coordinator",
        ENROL,
        {"programme": the("programme"), "agency": the("org_b")},
        OK,
    ),
    Case(
        "a youth enrolled by the agency's case worker",
        "worker_b",
        ENROL,
        {"programme": the("programme"), "agency": the("org_b")},
        OK,
    ),
    Case(
        "a youth enrolled from an agency without an agreement",
        "coordinator",
        ENROL,
        {"programme": the("programme"), "agency": the("org_a")},
        Refused("There is no information-sharing agreement with this agency yet: sign one first."),
    ),
    Case(
        "a youth enrolled with a date of birth to come",
        "coordinator",
        ENROL,
        {"programme": the("programme"), "agency": the("org_b"), "birth_date": "2999-01-01"},
        Refused("The date of birth must be in the past."),
    ),
    Case(
        "a youth enrolled in another organisation's programme",
        "coordinator",
        ENROL,
        {"programme": the("programme_c"), "agency": the("org_b")},
        HIDDEN_IN_BODY,  # the API's body names it: like a missing id (F9)
    ),
    # readiness_record
    Case(
        "a readiness assessment without its outcome",
        "coordinator",
        READINESS,
        {"readiness": "not_assessed"},
        Refused("Record the outcome of the assessment."),
    ),
    Case("a readiness assessment recorded", "worker_b", READINESS, {"readiness": "ready"}, OK),
    Case(
        "a readiness assessment recorded by another agency's case worker",
        "worker_c",
        READINESS,
        {"readiness": "ready"},
        HIDDEN,
    ),
    # training_record
    Case(
        "a training recorded on another organisation's mentor",
        "coordinator_b",
        TRAINING,
        {},
        HIDDEN,
    ),
    # mentor_apply
    Case(
        "a second application with the same e-mail address",
        "nobody",
        APPLY,
        {"programme": the("programme"), "email": "mona.mentor@mentors.test"},
        Refused("An application with this e-mail address already exists."),
    ),
    Case(
        "an application to a closed programme",
        "nobody",
        APPLY,
        {"programme": the("programme_c"), "email": "paul@postulant.test"},
        HIDDEN,
    ),
    # match_add_mentor
    Case(
        "a co-mentor added by the coordinator",
        "coordinator",
        ADD_MENTOR,
        {"mentor": the("co_mentor")},
        OK,
    ),
    Case(
        "a co-mentor added by the youth's case worker, who sees the match",
        "worker_b",
        ADD_MENTOR,
        {"mentor": the("co_mentor")},
        FORBIDDEN,
    ),
    Case(
        "a co-mentor added by someone who does not see the match",
        "professional",
        ADD_MENTOR,
        {"mentor": the("co_mentor")},
        HIDDEN,
    ),
    Case(
        "another organisation's mentor added as co-mentor",
        "coordinator",
        ADD_MENTOR,
        {"mentor": the("mentor_c")},
        HIDDEN,
    ),
]


@pytest.fixture
def ctx(mworld, client, api_for):  # type: ignore[no-untyped-def]
    world = mworld.world
    programme_c = Programme.objects.create(
        organisation=mworld.org_c, name="Programme C", kind=Programme.Kind.YOUTH, is_open=False
    )
    open_c = Programme.objects.create(organisation=mworld.org_c, name="Programme C ouvert")
    mentor_c = services.mentor_apply(
        programme=open_c, first_name="Carl", last_name="Autre", email="carl@c.test"
    )
    # An agreement organisation B has no part in.
    agreement_c = SharingAgreement.objects.get(organisation=world.org_a, agency=mworld.org_c)
    # org_a's coordinator proposes to share the region too: the agency's coordinator answers.
    agreement = mworld.agreement
    agreement.fields = [*agreement.fields, "region"]
    agreement.purposes = {**agreement.purposes, "region": "plan outings"}
    services.agreement_save(agreement=agreement, by=world.coordinator)
    agreement.refresh_from_db()
    assert agreement.has_proposal
    gaby = mworld.approved_mentor("Gaby", "Groupe", mode="group", capacity=3)
    co_mentor = mworld.approved_mentor("Coco", "Second", mode="group", capacity=3)
    group = lifecycle.match_create(
        by=SYSTEM,
        programme=mworld.programme,
        mentors=[gaby],
        youths=[mworld.ready_youth("Gi", "Groupe", mode="group")],
        mode="group",
    )
    return SimpleNamespace(
        m=mworld,
        client=client,
        api_for=api_for,
        programme=mworld.programme,
        programme_c=programme_c,
        agreement=agreement,
        agreement_c=agreement_c,
        org_a=world.org_a,
        org_b=world.org_b,
        group=group,
        co_mentor=co_mentor,
        mentor_c=mentor_c,
        coordinator=world.coordinator,
        coordinator_b=world.coordinator_b,
        worker_b=world.worker_b,
        professional=world.professional,
        worker_c=mworld.worker_c,
        nobody=None,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, getattr(ctx, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)


# Cases of a write checked elsewhere: training records (test_write_parity.py: OK and refusals),
# readiness (test_permission_parity.py: OK and HIDDEN), applications (OK below).
ELSEWHERE = {
    "entrepairs.training.services.completion_record": {OK, "refused"},
    SERVICES + "mentor_apply": {OK},
}


def test_every_write_in_this_table_has_success_refusal_and_another_organisations_record() -> None:
    kinds: dict[str, set[str]] = {}
    for case in CASES:
        refused = isinstance(case.expected, Refused) or case.expected == FORBIDDEN
        # Another organisation's record named in the API's body answers like a missing id (F9).
        kind = HIDDEN if case.expected == HIDDEN_IN_BODY else case.expected
        kinds.setdefault(case.write.service, set()).add("refused" if refused else kind)
    missing = {
        service: {OK, "refused", HIDDEN} - found - ELSEWHERE.get(service, set())
        for service, found in kinds.items()
    }
    assert {k: v for k, v in missing.items() if v} == {}


def test_an_application_is_received_on_the_page_and_in_the_api(ctx) -> None:
    args = {"programme": the("programme"), "email": "paul@postulant.test"}
    page, api = run_both(ctx, APPLY, None, args)
    assert page.status == 200 and 'id="application-received"' in page.text
    assert api.status == 201
    assert APPLY.service in page.services and APPLY.service in api.services


# --- who enrols a youth: the service's rule, whatever the channel ------------------------------


def _enrol(by: Any, mworld: Any, agency: Any) -> Youth:
    return services.youth_enrol(
        by=by,
        programme=mworld.programme,
        agency=agency,
        first_name="Nina",
        last_name="Nouvelle",
        birth_date=date(2012, 3, 4),
    )


@pytest.mark.parametrize("who", ["another agency's case worker", "nobody"])
def test_it_refuses_an_enrolment_by_someone_who_neither_runs_the_programme_nor_is_the_agency(
    mworld, who: str
) -> None:
    by = mworld.worker_c if who == "another agency's case worker" else None
    with pytest.raises(PermissionDenied, match=ENROLS):
        _enrol(by, mworld, mworld.world.org_b)
    assert not Youth.objects.filter(person__last_name="Nouvelle").exists()


def test_it_enrols_a_youth_of_their_own_agency_for_a_partner_agencys_case_worker(mworld) -> None:
    assert _enrol(mworld.worker_c, mworld, mworld.org_c).agency == mworld.org_c


def test_the_api_refuses_an_enrolment_for_another_agency_with_the_services_sentence(
    mworld, api_for
) -> None:
    body = {
        "programme": str(mworld.programme.pk),
        "agency": str(mworld.world.org_b.pk),
        "first_name": "Nina",
        "last_name": "Nouvelle",
        "birth_date": "2012-03-04",
    }
    refused = api_for(mworld.worker_c).post(f"{API}/youths/", body, format="json")
    assert refused.status_code == 403 and ENROLS in refused.data["error"]["message"]
    body["agency"] = str(mworld.org_c.pk)
    assert api_for(mworld.worker_c).post(f"{API}/youths/", body, format="json").status_code == 201


# --- agreement_delete: the API's only (the page has no way to end an agreement yet) -------------


@pytest.mark.parametrize(
    ("who", "agreement", "status"),
    [
        ("coordinator_b", "agreement", 204),  # either party ends it alone
        ("worker_b", "agreement", 403),  # the agency's case worker sees it, may not end it
        ("coordinator_b", "agreement_c", 404),  # an agreement of two other organisations
    ],
)
def test_an_agreement_is_ended_by_a_partys_coordinator_only(
    ctx, who: str, agreement: str, status: int
) -> None:
    target = getattr(ctx, agreement)
    response = ctx.api_for(getattr(ctx, who)).delete(f"{API}/agreements/{target.pk}/")
    assert response.status_code == status
    assert SharingAgreement.objects.filter(pk=target.pk).exists() is (status != 204)
