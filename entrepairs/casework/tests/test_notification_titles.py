"""Casework notifications name the child in the inbox's headline (the core team and the expert
asked follow them) and nowhere in the e-mail (DECISIONS.md "Confidentiality")."""

import datetime

import pytest

from entrepairs.casework import notification_kinds as kinds
from entrepairs.casework import services
from entrepairs.casework.models import RiskFactor
from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import assert_named_in_app_only, worded

from .decisions_fixtures import *  # noqa: F403 - the `dw` fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
TODAY = datetime.date.today


def _told(kind, user):  # type: ignore[no-untyped-def]
    return Notification.objects.get(kind=kind.code, recipient=user)


def test_a_high_risk_names_the_child_in_the_app_only(dw) -> None:
    check = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    risks = RiskFactor.objects.filter(organisation=dw.w.org_a, kind="risk", weight__gte=3)
    services.safety_check_record(
        check=check,
        done_on=TODAY(),
        factor_ids=[f.pk for f in risks[:2]],
        notes="Absente deux nuits",
        by=dw.w.professional,
    )
    told = _told(kinds.HIGH_RISK, dw.w.professional.user)
    assert told.headline == f"High risk found in the safety check of {dw.case.child.short_name}"
    texts = worded(told)  # in the reader's language, whatever the sender's
    assert texts["fr"].startswith("Risque élevé relevé lors du contrôle de sécurité d")
    assert texts["fr"].endswith(dw.case.child.short_name)
    assert texts["en"] == f"High risk found in the safety check of {dw.case.child.short_name}"
    assert_named_in_app_only(told, dw.case.child)


def test_an_overdue_safety_check_and_its_decision_name_the_child_in_the_app_only(dw) -> None:
    services.safety_check_schedule(
        case=dw.case, due_on=TODAY() - datetime.timedelta(days=3), by=dw.w.professional
    )
    services.safety_overdue_alert()
    assert_named_in_app_only(
        _told(kinds.SAFETY_CHECK_OVERDUE, dw.w.professional.user), dw.case.child
    )


def test_an_automatic_decision_names_the_child_in_the_app_only(dw) -> None:
    check = services.safety_check_schedule(case=dw.case, due_on=TODAY(), by=dw.w.professional)
    services.safety_check_record(
        check=check, done_on=TODAY(), factor_ids=[], notes="Peur du retour",
        insecurity_signs=True, by=dw.w.professional,
    )  # fmt: skip
    told = _told(kinds.DECISION_TO_PREPARE, dw.w.professional.user)
    assert_named_in_app_only(told, dw.case.child)


def test_the_expert_asked_reads_whom_the_advice_is_about_in_the_app_only(dw) -> None:
    services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    told = _told(kinds.ADVICE_REQUESTED, dw.psy.user)
    assert told.headline == f"Your advice is requested about {dw.case.child.short_name}"
    assert told.subject == "Your advice is requested"
    assert_named_in_app_only(told, dw.case.child)
