"""Demo data for safety checks and key decisions (issue 12 points 6 and 8), in Noyau Lille Nord:
a check that found a high risk (an information préoccupante sent to the CRIP du Nord), an overdue
check, a check with signs of insecurity that opened a gated decision waiting for the
psychologist's advice, a planned check; a change of placement decided on the advice of the
psychologist and the legal adviser, and a decision whose type requires no advice."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Role
from entrepairs.people.models import Person, Profession
from entrepairs.people.services import person_save

from . import services
from .models import Case, DecisionType, RiskFactor


def _expert(world: Any, organisation: Any) -> Person:
    """The psychologist whose advice the gated decisions need; she signs in (a demo login) to
    see the decisions submitted to her and nothing else."""
    from entrepairs.demo.generator import DEMO_DOMAIN, DemoLogin, _demo_user

    login = DemoLogin(
        "expert", f"experte@{DEMO_DOMAIN}", who="Expert (psychologist) asked for advice, ATN"
    )
    world.logins.append(login)
    expert = person_save(
        person=Person(
            organisation=organisation,
            first_name="Hélène",
            last_name="Marchand",
            email=login.email,
            profession=Profession.PSYCHOLOGIST,
            team=world.teams.get("resources"),
        ),
        by=SYSTEM,
        roles=[Role.EXPERT],
    )
    expert.user = _demo_user(login.email, "Hélène Marchand", world.state["password_hash"])
    expert.save(update_fields=["user"])
    return expert


def _factors(organisation: Any, *labels: str) -> list[Any]:
    return list(
        RiskFactor.objects.filter(organisation=organisation, label__in=labels).values_list(
            "pk", flat=True
        )
    )


def decisions_demo(world: Any) -> None:
    today = timezone.localdate()
    team = world.teams["lille_nord"]
    org = team.organisation
    services.decision_defaults_ensure(organisation_id=org.pk)
    psychologist = _expert(world, org)
    legal = world.people["legal_adviser"]
    cases = list(
        Case.objects.filter(core_team=team, status=Case.Status.OPEN)
        .select_related("guardian", "core_team", "child")
        .order_by("opened_on", "id")[:6]
    )
    guardian = cases[0].guardian
    # A high risk: a runaway and risk-taking; an information préoccupante to the CRIP.
    check = services.safety_check_schedule(
        case=cases[0], due_on=today - timedelta(days=5), by=guardian
    )
    services.safety_check_record(
        check=check,
        done_on=today - timedelta(days=4),
        factor_ids=_factors(
            org,
            "Fugue ou disparition récente",
            "Conduites à risque (consommations, mise en danger)",
        ),
        notes="Absent du foyer deux nuits, retrouvé par la police ; consommation d'alcool.",
        ip_sent_on=today - timedelta(days=4),
        ip_recipient="CRIP du Nord",
        by=guardian,
    )
    # Overdue, and planned.
    services.safety_check_schedule(case=cases[1], due_on=today - timedelta(days=10), by=guardian)
    services.safety_check_schedule(case=cases[3], due_on=today + timedelta(days=14), by=guardian)
    # Signs of insecurity: a gated decision opens, submitted to the psychologist (waiting).
    check = services.safety_check_schedule(
        case=cases[2], due_on=today - timedelta(days=2), by=guardian
    )
    services.safety_check_record(
        check=check,
        done_on=today - timedelta(days=2),
        factor_ids=_factors(org, "Adulte de confiance identifié"),
        notes="Dit avoir peur d'un adulte qui l'attend à la sortie du collège.",
        insecurity_signs=True,
        by=guardian,
    )
    opened = check.decisions.get()
    services.advice_request(
        decision=opened,
        expert=psychologist,
        question="Faut-il une mise à l'abri immédiate ?",
        by=guardian,
    )
    # A change of placement for development concerns, decided on both required advices.
    move = services.placement_change_propose(
        case=cases[4],
        kind="small_unit",
        concerns="Isolement en famille d'accueil, retard scolaire qui s'aggrave.",
        child_view="Souhaite vivre avec d'autres jeunes de son âge.",
        by=guardian,
    )
    for expert, advice in (
        (psychologist, "Favorable : un petit collectif répondra mieux à ses besoins."),
        (legal, "Aucun obstacle juridique ; informer le juge des enfants."),
    ):
        asked = services.advice_request(decision=move, expert=expert, by=guardian)
        services.advice_record(request=asked, advice=advice, by=expert)
    services.decision_take(
        decision=move, outcome="Orientation vers une petite unité de vie.", by=guardian
    )
    # A decision whose type requires no advice.
    free = services.decision_prepare(
        case=cases[5],
        decision_type=DecisionType.objects.get(organisation=org, name="Autre décision clé"),
        title="Séjour linguistique de l'été",
        options="Accepter ; refuser",
        arguments="Progrès en français ; encadrement assuré.",
        child_view="Très motivé.",
        by=guardian,
    )
    services.decision_take(decision=free, outcome="Accepté.", by=guardian)
    world.log("casework: safety checks and key decisions")
