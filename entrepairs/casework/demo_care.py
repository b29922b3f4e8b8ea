"""Demo data for incidents and care plans (issue 12, points 7 and 9): in Noyau Lille Nord, a
running-away incident of two children with its analysis, an information préoccupante sent to the
CRIP and two follow-up actions (one done); a care plan (projet pour l'enfant) returned with a
comment, then approved in its second version by another member; in Noyau Lille Sud, a plan
waiting for approval. Built through the services, by the members themselves, dated from the
load day."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from .models import Case
from .services import (
    care_plan_approve,
    care_plan_return,
    care_plan_save,
    care_plan_submit,
    incident_action_add,
    incident_action_done,
    incident_analyse,
    incident_concern_record,
    incident_record,
)


def _held(team: Any) -> list[Case]:
    return list(
        Case.objects.filter(core_team=team, status=Case.Status.OPEN)
        .exclude(guardian=None)
        .select_related("guardian", "child", "core_team")
        .order_by("opened_on", "id")
    )


def _colleague(case: Case) -> Any:  # a Person
    """A member of the case's core team other than its guardian (who never approves alone)."""
    from entrepairs.people.models import Person

    return (
        Person.objects.filter(team_id=case.core_team_id, is_active=True, user__isnull=False)
        .exclude(pk__in=[case.guardian_id])
        .order_by("last_name", "id")
        .first()
    )


def _incident(team: Any) -> None:
    today = timezone.localdate()
    first, second = _held(team)[:2]
    reporter = first.guardian
    assert reporter is not None  # _held() keeps cases with a guardian
    incident = incident_record(
        team=team,
        cases=[first, second],
        kind="runaway",
        occurred_on=today - timedelta(days=12),
        facts=(
            "Les deux jeunes ont quitté le foyer un vendredi soir et ne sont rentrés que le "
            "dimanche ; ils disent avoir été approchés par un adulte inconnu à la gare."
        ),
        immediate_measures=(
            "Déclaration de fugue au commissariat, information du foyer et de l'astreinte, "
            "entretien avec chaque jeune au retour."
        ),
        by=reporter,
    )
    colleague = _colleague(first)
    incident_concern_record(
        incident=incident,
        sent_on=today - timedelta(days=11),
        recipient="CRIP du Nord",
        by=reporter,
    )
    incident_analyse(
        incident=incident,
        causes="Week-end sans activité prévue ; signaux de mal-être non partagés avec le noyau.",
        lessons=(
            "Partager en réunion de noyau les signaux faibles ; prévoir des activités le "
            "week-end avec le foyer."
        ),
        by=colleague,
    )
    done = incident_action_add(
        incident=incident,
        description="Rencontrer l'équipe du foyer pour organiser les week-ends",
        owner=reporter,
        due_on=today - timedelta(days=4),
        by=reporter,
    )
    incident_action_done(action=done, by=reporter)
    incident_action_add(
        incident=incident,
        description="Faire le point avec la brigade des mineurs sur l'adulte signalé",
        owner=colleague,
        due_on=today + timedelta(days=10),
        by=reporter,
    )


def _care_plan_returned_then_approved(team: Any) -> None:
    case = _held(team)[2]
    guardian, colleague = case.guardian, _colleague(case)
    first = care_plan_save(
        case=case,
        needs="Scolarité à stabiliser ; suivi de santé à reprendre.",
        objectives="Inscription en classe d'accueil ; bilan de santé.",
        actions="Le tuteur contacte le CIO ; le foyer prend rendez-vous chez le médecin.",
        by=guardian,
    )
    care_plan_submit(plan=first, by=guardian)
    care_plan_return(
        plan=first,
        comment="Préciser le projet de réunification familiale et qui en est chargé.",
        by=colleague,
    )
    second = care_plan_save(
        case=case,
        needs="Scolarité à stabiliser ; suivi de santé à reprendre ; lien avec la famille.",
        objectives=(
            "Inscription en classe d'accueil ; bilan de santé ; démarche de réunification "
            "familiale avec la Croix-Rouge."
        ),
        actions=(
            "Le tuteur contacte le CIO et la Croix-Rouge ; le foyer prend rendez-vous chez le "
            "médecin ; point au noyau dans trois mois."
        ),
        by=guardian,
    )
    care_plan_submit(plan=second, by=guardian)
    care_plan_approve(plan=second, comment="Complet.", by=colleague)


def _care_plan_waiting(team: Any) -> None:
    case = _held(team)[0]
    plan = care_plan_save(
        case=case,
        needs="Hébergement à adapter à l'approche de la majorité.",
        objectives="Préparer le passage en logement accompagné.",
        actions="Le tuteur prépare le dossier avec le service jeunes majeurs.",
        by=case.guardian,
    )
    care_plan_submit(plan=plan, by=case.guardian)


def care_demo(world: Any) -> None:
    nord, sud = world.teams["lille_nord"], world.teams["lille_sud"]
    _incident(nord)
    _care_plan_returned_then_approved(nord)
    _care_plan_waiting(sud)
    world.log("casework: an incident, a care plan returned then approved, one waiting")
