"""Safety checks and key decisions (issue 12 points 6 and 8): the risk level, the results of a
check and what they trigger, the gate of mandatory expert advice, what an expert sees, the
agenda and report selectors."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from entrepairs.casework import selectors, services
from entrepairs.casework.models import (
    AdviceRequest,
    Decision,
    RiskFactor,
    SafetyCheck,
    risk_level,
)
from entrepairs.casework.rules import REASON_CORE_TEAM, REASON_EXPERT
from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM

from .decisions_fixtures import *  # noqa: F403 - the `dw` fixture

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


# -- the risk level: one pure function ----------------------------------------------------------


@pytest.mark.parametrize(
    ("risks", "protective", "expected"),
    [
        ([], [], (0, "low")),
        ([2], [], (2, "low")),
        ([2, 1], [], (3, "medium")),
        ([4, 2], [], (6, "high")),
        ([4, 2], [3], (3, "medium")),
        ([4, 2], [3, 3], (0, "low")),
        ([5], [3, 3, 2], (-3, "high")),  # a critical factor is not offset
        ([], [3, 2], (-5, "low")),
    ],
)
def test_it_computes_the_risk_level_from_the_weights(risks, protective, expected) -> None:
    assert risk_level(risks, protective) == expected


def test_it_seeds_french_factors_and_decision_types_once(dw) -> None:
    org = dw.w.org_a
    factors = RiskFactor.objects.filter(organisation=org)
    assert factors.filter(kind="risk").count() == 8
    assert factors.filter(kind="protective").count() == 5
    assert factors.filter(label="Adulte de confiance identifié", weight=3).exists()
    services.risk_factor_save(
        organisation_id=org.pk, kind="risk", label="Grossesse", weight=3, by=dw.w.coordinator
    )
    services.decision_defaults_ensure(organisation_id=org.pk)
    assert factors.count() == 14  # nothing reseeded


# -- safety checks ------------------------------------------------------------------------------


def _factors(org, *labels):  # type: ignore[no-untyped-def]
    return [RiskFactor.objects.get(organisation=org, label=label).pk for label in labels]


def test_a_high_risk_alerts_the_core_team_and_lands_on_the_agenda(dw) -> None:
    check = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    services.safety_check_record(
        check=check,
        done_on=TODAY(),
        factor_ids=_factors(
            dw.w.org_a,
            "Fugue ou disparition récente",
            "Conduites à risque (consommations, mise en danger)",
        ),
        notes="Absente deux nuits",
        by=dw.cw.gina,
        ip_sent_on=TODAY(),
        ip_recipient="CRIP du Nord",
    )
    check.refresh_from_db()
    assert (check.score, check.risk) == (7, "high")
    assert check.assessment[0]["weight"] in (3, 4)
    assert (check.ip_sent_on, check.ip_recipient) == (TODAY(), "CRIP du Nord")
    told = Notification.objects.filter(subject="High risk found in a safety check")
    recipients = set(told.values_list("recipient__email", flat=True))
    assert dw.w.professional.email in recipients and dw.cw.olga.email not in recipients
    assert all("Lina" not in n.subject + n.body for n in told)  # no child's name in an e-mail
    items = selectors.safety_agenda_items(dw.w.core)
    assert [(i.kind, i.case) for i in items] == [("high_risk", dw.case)]
    assert selectors.safety_agenda_items(dw.cw.core2) == []


def test_signs_of_insecurity_open_a_gated_decision_once(dw) -> None:
    check = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    services.safety_check_record(
        check=check, done_on=TODAY(), factor_ids=[], notes="Peur du retour", insecurity_signs=True,
        by=dw.w.professional,
    )  # fmt: skip
    opened = Decision.objects.get(safety_check=check)
    assert opened.trigger == "insecurity" and opened.decision_type.required_advice == [
        "psychologist"
    ]
    second = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    services.safety_check_record(
        check=second, done_on=TODAY(), factor_ids=[], notes="Toujours inquiète",
        insecurity_signs=True, by=dw.w.professional,
    )  # fmt: skip
    assert Decision.objects.filter(case=dw.case, trigger="insecurity").count() == 1
    assert "decision" in [i.kind for i in selectors.safety_agenda_items(dw.w.core)]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"notes": " "}, "notes", "Write what the check found."),
        ({"ip_sent_on": None}, "ip_recipient", "with its date and its recipient"),
        ({"done_on": "tomorrow"}, "done_on", "not in the future"),
    ],
)
def test_bad_results_are_refused_and_nothing_is_written(dw, change, field, message) -> None:
    check = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    args = {
        "check": check, "done_on": TODAY(), "factor_ids": [], "notes": "Vu", "by": dw.w.professional,
        "ip_sent_on": TODAY(), "ip_recipient": "CRIP du Nord",
    }  # fmt: skip
    args.update(
        {
            k: (TODAY() + datetime.timedelta(days=1) if v == "tomorrow" else v)
            for k, v in change.items()
        }
    )
    if field == "ip_recipient":
        args["ip_recipient"] = "CRIP du Nord"
        args["ip_sent_on"] = None
    with pytest.raises(ValidationError) as exc:
        services.safety_check_record(**args)
    assert message in " ".join(exc.value.message_dict[field])
    check.refresh_from_db()
    assert check.done_on is None and check.risk == ""


def test_overdue_checks_alert_the_team_once_and_count_as_overdue(dw) -> None:
    past = TODAY() - datetime.timedelta(days=3)
    late = services.safety_check_schedule(case=dw.case, due_on=past, by=dw.w.professional)
    services.safety_check_schedule(
        case=dw.case, due_on=TODAY() - datetime.timedelta(days=10), by=dw.w.professional
    )
    services.safety_check_schedule(
        case=dw.case, due_on=TODAY() + datetime.timedelta(days=10), by=dw.w.professional
    )
    services.safety_check_record(
        check=late, done_on=TODAY(), factor_ids=[], notes="Vu", by=dw.w.professional
    )
    on_time = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    services.safety_check_record(
        check=on_time, done_on=TODAY(), factor_ids=[], notes="Vu", by=dw.w.professional
    )
    assert services.safety_overdue_alert() == 1
    assert services.safety_overdue_alert() == 0
    assert Notification.objects.filter(subject="A safety check is overdue").count() == 4
    assert selectors.safety_timeliness(dw.w.core) == {
        "on_time": 1, "late": 1, "overdue": 1, "planned": 1,
    }  # fmt: skip
    assert [i.kind for i in selectors.safety_agenda_items(dw.w.core)] == ["overdue"]


# -- key decisions: the gate --------------------------------------------------------------------


def test_a_gated_decision_is_refused_without_the_advice_then_taken_with_it(dw) -> None:
    with pytest.raises(ValidationError) as exc:
        services.decision_take(decision=dw.gated, outcome="Mise à l'abri", by=dw.w.professional)
    assert "This decision needs the advice of: Psychologist." in exc.value.messages[0]
    dw.gated.refresh_from_db()
    assert dw.gated.status == "prepared" and dw.gated.decided_by is None
    asked = services.advice_request(
        decision=dw.gated, expert=dw.psy, question="Risque ?", by=dw.cw.gina
    )
    assert Notification.objects.filter(
        recipient=dw.psy.user, link=f"/casework/decisions/{dw.gated.pk}/"
    ).exists()
    with pytest.raises(ValidationError):  # asked is not advised
        services.decision_take(decision=dw.gated, outcome="x", by=dw.w.professional)
    services.advice_record(request=asked, advice="Mise à l'abri recommandée", by=dw.psy)
    taken = services.decision_take(decision=dw.gated, outcome="Mise à l'abri", by=dw.w.colleague)
    assert (taken.decided_by, taken.required_advice, taken.advised_roles) == (
        dw.w.colleague, ["psychologist"], ["psychologist"],
    )  # fmt: skip
    assert taken.decided_at is not None
    services.decision_take(decision=dw.free, outcome="Oui", by=dw.w.professional)
    assert selectors.decisions_advice_summary(dw.w.core) == {
        "with_required_advice": 1, "no_advice_required": 1, "missing_advice": 0, "open": 0,
    }  # fmt: skip


def test_the_advice_of_another_expertise_does_not_open_the_gate(dw) -> None:
    asked = services.advice_request(decision=dw.gated, expert=dw.jur, by=dw.w.professional)
    services.advice_record(request=asked, advice="Rien à signaler côté droit", by=dw.jur)
    with pytest.raises(ValidationError, match="Psychologist"):
        services.decision_take(decision=dw.gated, outcome="x", by=dw.w.professional)


def test_only_the_case_core_team_decides_and_asks(dw) -> None:
    for who in (dw.cw.olga, dw.w.coordinator, dw.psy, dw.w.worker_b):
        with pytest.raises(PermissionDenied):
            services.decision_take(decision=dw.free, outcome="Oui", by=who)
        with pytest.raises(PermissionDenied):
            services.advice_request(decision=dw.free, expert=dw.psy, by=who)


def test_only_an_expert_of_the_organisation_is_asked_and_only_they_advise(dw) -> None:
    for who in (dw.cw.gina, dw.oscar):
        with pytest.raises(ValidationError, match="Choose one of the organisation's experts."):
            services.advice_request(decision=dw.gated, expert=who, by=dw.w.professional)
    asked = services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    for who in (dw.jur, dw.w.professional):
        with pytest.raises(PermissionDenied):
            services.advice_record(request=asked, advice="Avis", by=who)
    assert AdviceRequest.objects.get(pk=asked.pk).advised_at is None


def test_a_placement_change_for_development_concerns_opens_a_gated_decision(dw) -> None:
    opened = services.placement_change_propose(
        case=dw.case, kind="small_unit", concerns="Retard scolaire", by=dw.w.professional
    )
    assert opened.trigger == "placement_development"
    assert opened.decision_type.required_advice == ["legal_adviser", "psychologist"]
    assert opened.proposed_placement == "small_unit"
    # The placement itself is not changed by a proposal.
    from entrepairs.casework.models import Placement

    current = Placement.current_for(dw.case.child)
    assert current is not None and current.kind == "foster_family"


# -- what an expert sees ------------------------------------------------------------------------


def test_an_expert_sees_only_the_decisions_submitted_to_them(dw) -> None:
    from entrepairs.organisations.viewer import viewer_for

    services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    psy = viewer_for(dw.psy.user)
    assert list(selectors.decisions_for(psy)) == [dw.gated]
    assert list(selectors.cases_for(psy)) == []
    assert list(selectors.safety_checks_for(psy)) == []
    assert list(selectors.decisions_for(viewer_for(dw.jur.user))) == []
    assert list(selectors.decisions_for(viewer_for(dw.oscar.user))) == []


def test_the_experts_access_ends_30_days_after_the_decision(dw) -> None:
    from entrepairs.organisations.viewer import viewer_for

    asked = services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    services.advice_record(request=asked, advice="Oui", by=dw.psy)
    services.decision_take(decision=dw.gated, outcome="Oui", by=dw.w.professional)
    assert selectors.decisions_for(viewer_for(dw.psy.user)).count() == 1
    Decision.objects.filter(pk=dw.gated.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert selectors.decisions_for(viewer_for(dw.psy.user)).count() == 0
    assert selectors.decisions_for(viewer_for(dw.w.professional.user)).count() == 2


def test_each_read_of_a_decision_is_audited_with_its_reason(dw, client_for) -> None:
    services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    assert client_for(dw.psy).get(f"/casework/decisions/{dw.gated.pk}/").status_code == 200
    assert (
        client_for(dw.w.professional).get(f"/casework/decisions/{dw.gated.pk}/").status_code == 200
    )
    reads = LogEntry.objects.filter(
        object_pk=str(dw.gated.pk), action=LogEntry.Action.ACCESS
    ).order_by("timestamp")
    assert [(e.actor_id, e.additional_data["reason"]) for e in reads] == [
        (dw.psy.user.pk, REASON_EXPERT),
        (dw.w.professional.user.pk, REASON_CORE_TEAM),
    ]


def test_decisions_and_checks_are_encrypted_at_rest(dw) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT child_view FROM casework_decision WHERE id = %s", [dw.gated.pk.hex])
        (raw,) = cursor.fetchone()
    assert "école" not in raw
    assert SYSTEM is not None
    assert SafetyCheck._meta.get_field("notes").__class__.__name__ == "EncryptedTextField"


def test_the_daily_task_tells_the_team_about_overdue_checks(dw) -> None:
    from entrepairs.casework.tasks import notify_overdue_safety_checks

    services.safety_check_schedule(
        case=dw.case, due_on=TODAY() - datetime.timedelta(days=2), by=dw.w.professional
    )
    assert notify_overdue_safety_checks.call() == {"notified": 1}
    assert notify_overdue_safety_checks.call() == {"notified": 0}
