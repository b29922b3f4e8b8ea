"""Demo data for how a core team works together (issue 12 points 10-12), in Noyau Lille Nord: a
meeting with its agenda, minutes, attendance and actions; a peer review and its answer; a
policy some members have acknowledged; an audit of a sample of cases, read by a member of Noyau
Lille Sud, with a finding and the team's action. Built through the services."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.people.models import Person

from . import selectors, services
from .models import Case


def team_demo(world: Any) -> None:
    today = timezone.localdate()
    team, other = world.teams["lille_nord"], world.teams["lille_sud"]
    organisation_id = team.organisation_id
    members = list(Person.objects.filter(team=team, is_active=True).order_by("last_name", "pk"))
    services.indicators_ensure_defaults(organisation_id=organisation_id, by=SYSTEM)
    indicators = list(selectors.indicators_for(organisation_id))

    # Peer review: a colleague reviews a guardian's work on one case; the guardian answers.
    case = (
        Case.objects.filter(core_team=team, status=Case.Status.OPEN)
        .exclude(guardian=None)
        .order_by("opened_on", "pk")
        .first()
    )
    assert case is not None and case.guardian is not None
    reviewer = next(m for m in members if m.pk != case.guardian_id and m.user_id)
    review = services.peer_review_give(
        case=case,
        ratings={
            i.pk: (rating, comment)
            for i, (rating, comment) in zip(
                indicators,
                [
                    (4, "Écoute et respect de la parole de l'enfant."),
                    (3, ""),
                    (3, ""),
                    (2, "Le PPE n'a pas été révisé depuis huit mois."),
                    (4, ""),
                ],
                strict=False,
            )
        },
        feedback="Suivi attentif et bien tracé. À prévoir : la révision du PPE avec l'ASE avant "
        "la fin du mois.",
        by=reviewer,
    )
    services.peer_review_answer(
        review=review,
        answer="Merci. La révision du PPE est programmée avec l'ASE le 15.",
        by=case.guardian,
    )

    # Two more reviews of other guardians, so the team's trend has enough to show (3 reviews of
    # 2 people at least).
    others = (
        Case.objects.filter(core_team=team, status=Case.Status.OPEN)
        .exclude(guardian=None)
        .exclude(guardian=case.guardian)
        .order_by("opened_on", "pk")
    )
    for i, other_case in enumerate(others[:2]):
        services.peer_review_give(
            case=other_case,
            ratings={ind.pk: (3 if (i + j) % 3 else 2, "") for j, ind in enumerate(indicators)},
            feedback="Dossier à jour ; penser à tracer les échanges avec l'école.",
            by=next(m for m in members if m.pk != other_case.guardian_id and m.user_id),
        )

    # A policy rolled out to the core team, acknowledged by half of it.
    policy = services.policy_publish(
        organisation_id=organisation_id,
        core_team=team,
        title="Secret professionnel partagé",
        text="Ne partager que les informations strictement nécessaires à l'accompagnement, avec "
        "les seuls professionnels qui concourent à la protection de l'enfant (CASF L.226-2-2).",
        effective_on=today - timedelta(days=7),
        by=SYSTEM,
    )
    for person in members[: len(members) // 2]:
        services.policy_acknowledge(policy=policy, by=person)

    # An audit of the team's care plans, read by a guardian of the other core team, who signs
    # in with a demo login (auditors are casework staff, never a coordinator).
    from entrepairs.demo.generator import DEMO_DOMAIN, DemoLogin, _demo_user

    from .rules import CASEWORK_ROLES

    auditor = (
        Person.objects.filter(
            organisation_id=organisation_id,
            team=other,
            is_active=True,
            memberships__role__in=CASEWORK_ROLES,
            memberships__is_active=True,
        )
        .order_by("pk")
        .first()
    )
    assert auditor is not None
    if auditor.user_id is None:
        login = DemoLogin(
            "auditor",
            f"auditrice@{DEMO_DOMAIN}",
            who=f"Auditor of Noyau Lille Nord's care plans ({other}), ATN",
        )
        world.logins.append(login)
        auditor.email = login.email
        auditor.user = _demo_user(login.email, str(auditor), world.state["password_hash"])
        auditor.save(update_fields=["email", "user"])
    audit = services.audit_open(
        team=team,
        title="Audit des projets pour l'enfant (PPE)",
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=12),
        sample_size=6,
        auditors=[auditor],
        seed=2026,
        by=SYSTEM,
    )
    sampled = audit.sampled_cases.order_by("pk").first()
    services.audit_finding_record(
        audit=audit,
        case=sampled,
        indicator=indicators[3],
        rating=2,
        note="PPE signé mais sans avis du jeune recueilli.",
        by=auditor,
    )
    services.topic_add(
        team=team,
        title="Répartition des astreintes du week-end",
        note="Deux collègues font la moitié des astreintes depuis septembre.",
        by=members[0],
    )

    # The meeting: agenda built from what is waiting, then minutes, attendance, actions.
    meeting = services.meeting_create(
        team=team, held_on=today, place="Salle Lille Nord, 2e étage", by=members[0]
    )
    for i, person in enumerate(members):
        status = "excused" if i == 1 else "present"
        services.meeting_attendance_record(
            meeting=meeting, person=person, status=status, by=members[0]
        )
    services.meeting_minutes_save(
        meeting=meeting,
        minutes="Nouveaux dossiers : attribution proposée et confirmée en séance.\n"
        "Politique « secret professionnel partagé » : lecture commune, accusés de réception à "
        "compléter.\nAstreintes : nouveau tableau à partir du mois prochain.",
        by=members[0],
    )
    services.meeting_action_add(
        meeting=meeting,
        title="Nouveau tableau des astreintes",
        owner=members[1],
        due_on=today + timedelta(days=14),
        by=members[0],
    )
    services.audit_action_add(
        audit=audit,
        title="Recueillir l'avis du jeune à chaque révision du PPE",
        owner=case.guardian,
        due_on=today + timedelta(days=30),
        by=members[0],
    )
    world.log("casework: a meeting, a peer review, a policy, an audit")
