"""Demo data for mentoring: a youth programme run by ATN with two agencies (ase-nord and a second
agency added here), about 30 mentors in every screening state, 40 youths, a matching run, active
matches with check-ins, one agency transfer and one closure. Built through the services."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Organisation, Role

SECOND_AGENCY = "ase-pas-de-calais"
INTERESTS = [
    "football",
    "music",
    "drawing",
    "cooking",
    "video games",
    "reading",
    "dance",
    "swimming",
    "theatre",
    "science",
]
TOWNS = ["Lille", "Roubaix", "Tourcoing", "Lens", "Arras"]


def mentoring_demo(world: Any) -> None:
    from entrepairs.demo.generator import _small_person, delete_organisations
    from entrepairs.people.placements import current_family
    from entrepairs.training import services as training_services
    from entrepairs.training.models import TrainingModule

    from . import family, lifecycle, services
    from .models import (
        CheckIn,
        Consent,
        Mentor,
        Programme,
        Proposal,
        ScreeningStep,
        SharingAgreement,
        Youth,
    )

    rng = world.rng
    atn = world.organisations["atn"]
    nord = world.organisations["ase-nord"]
    stale = Organisation.objects.filter(slug=SECOND_AGENCY)
    if stale.exists():
        delete_organisations(stale)
    pdc = Organisation.objects.create(
        name="Aide Sociale à l'Enfance du Pas-de-Calais",
        slug=SECOND_AGENCY,
        kind="agency",
        region="Hauts-de-France",
    )
    world.organisations[SECOND_AGENCY] = pdc
    worker_pdc = _small_person(
        world, pdc, "case_worker_pdc", roles=[Role.CASE_WORKER], profession="case_worker"
    )
    coordinator = world.people["coordinator"]
    today = timezone.localdate()

    basics = TrainingModule.objects.create(
        organisation=atn, name="Mentorat : les bases", validity_months=24
    )
    care = TrainingModule.objects.create(
        organisation=atn, name="Le système de protection de l'enfance"
    )
    for name, roles, months in [
        ("Pratiques de mentorat (personnel)", ["coordinator"], 24),
        ("Système de protection de l'enfance (personnel)", ["coordinator", "professional"], None),
        ("Différences culturelles", ["coordinator", "professional"], 36),
        ("Jeunes LGBT2SQ : formation continue", ["coordinator"], 12),
    ]:
        module = training_services.module_save(
            module=TrainingModule(
                organisation=atn, name=name, audience="staff", validity_months=months
            ),
            staff_roles=roles,
            by=SYSTEM,
        )
        if rng.random() < 0.7:
            services.training_record(
                person=coordinator,
                module=module,
                completed_on=today - timedelta(days=rng.randint(30, 500)),
                by=SYSTEM,
            )
    programme = services.programme_save(
        programme=Programme(
            organisation=atn,
            name="Parrainage jeunes confiés",
            description="Des mentors bénévoles pour des jeunes accompagnés par l'Aide Sociale à l'Enfance.",
            match_length_months=36,
            references_required=2,
            weights={
                "interests": 3,
                "language": 1,
                "distance": 2,
                "availability": 2,
                "preferences": 1,
                "experience_gap": 0.5,
            },
        ),
        required_trainings=[basics, care],
        by=SYSTEM,
    )
    shared = [
        "first_name",
        "age",
        "interests",
        "guardian_name",
        "guardian_phone",
        "situation_updates",
    ]
    purposes = {
        "first_name": "S'adresser au jeune",
        "age": "Choisir des activités adaptées",
        "interests": "Proposer des sorties qui lui plaisent",
        "guardian_name": "Organiser les rencontres",
        "guardian_phone": "Organiser les rencontres",
        "situation_updates": "Être informé des changements de placement",
    }
    for agency in (nord, pdc):
        services.agreement_save(
            agreement=SharingAgreement(
                organisation=atn,
                agency=agency,
                fields=shared,
                purposes=purposes,
                signed_on=today - timedelta(days=200),
            ),
            by=SYSTEM,
        )

    # About 30 mentors, in every screening state.
    states = (
        ["applied"] * 4
        + ["screening"] * 4
        + ["training"] * 3
        + ["flagged", "rejected", "withdrawn"]
        + ["approved"] * 18
    )
    mentors: list[Mentor] = []
    for i, state in enumerate(states):
        person = _small_person(
            world,
            atn,
            roles=[],
            languages=["fr"] if i % 4 else ["fr", "en"],
            availability=["wed-pm", "sat-am", "sat-pm"],
        )
        group = state == "approved" and i % 9 == 0
        mentor = services.mentor_apply(
            programme=programme,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            birth_year=rng.randint(1960, 2000),
            interests=rng.sample(INTERESTS, 3),
            languages=person.languages,
            region=rng.choice(TOWNS),
            mode="group" if group else "individual",
            capacity=3 if group else 1,
            motivation="Transmettre et accompagner.",
        )
        if state == "applied":
            continue
        services.screening_record(
            by=SYSTEM,
            mentor=mentor,
            kind=ScreeningStep.Kind.INTERVIEW,
            outcome="passed",
            note="Entretien positif.",
        )
        if state in ("screening", "rejected", "withdrawn"):
            if state == "rejected":
                services.mentor_decide(by=SYSTEM, mentor=mentor, status="rejected")
            if state == "withdrawn":
                services.mentor_decide(by=SYSTEM, mentor=mentor, status="withdrawn")
            continue
        for n in range(2):
            services.screening_record(
                by=SYSTEM,
                mentor=mentor,
                kind=ScreeningStep.Kind.REFERENCE,
                outcome="passed",
                referee=f"Référent {n + 1}",
            )
        services.screening_record(
            by=SYSTEM, mentor=mentor, kind=ScreeningStep.Kind.BACKGROUND, outcome="passed"
        )
        services.screening_record(
            by=SYSTEM, mentor=mentor, kind=ScreeningStep.Kind.SAFEGUARDING, outcome="passed"
        )
        if state == "flagged":
            services.mentor_flag(
                by=SYSTEM, mentor=mentor, flagged=True, reason="Référence à recontacter"
            )
            continue
        services.training_record(
            person=mentor.person,
            module=basics,
            completed_on=today - timedelta(days=rng.randint(10, 300)),
            by=SYSTEM,
        )
        if state == "approved":
            services.training_record(
                person=mentor.person,
                module=care,
                completed_on=today - timedelta(days=rng.randint(10, 300)),
                by=SYSTEM,
            )
        mentors.append(mentor)

    # 40 youths from the two agencies.
    workers = {nord.pk: world.people.get("case_worker"), pdc.pk: worker_pdc}
    youths: list[Youth] = []
    for i in range(40):
        agency = nord if i % 3 else pdc
        first, last = world.state["namer"]()
        youth = services.youth_enrol(
            by=SYSTEM,
            programme=programme,
            agency=agency,
            first_name=first,
            last_name=last,
            birth_date=date(
                today.year - rng.randint(9, 17), rng.randint(1, 12), rng.randint(1, 28)
            ),
            interests=rng.sample(INTERESTS, 2),
            languages=["fr"],
            region=rng.choice(TOWNS),
            mode="group" if i % 10 == 0 else "individual",
            case_worker=workers[agency.pk],
            guardian_first_name="Famille",
            guardian_last_name=f"d'accueil {last}",
            guardian_phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            placement_kind="foster_family" if i % 2 else "childrens_home",
            placement="Famille d'accueil" if i % 2 else "Foyer",
            placement_since=today - timedelta(days=rng.randint(200, 900)),
        )
        if i < 34:
            services.consent_record(
                by=SYSTEM, youth=youth, party=Consent.Party.YOUTH, given_by=first
            )
            services.consent_record(
                by=SYSTEM, youth=youth, party=Consent.Party.PLACING_SERVICE, given_by=agency.name
            )
            services.readiness_record(
                by=SYSTEM,
                youth=youth,
                readiness="ready" if i < 30 else "not_yet",
                note="Évaluation avec la référente.",
                mode=youth.mode,
            )
        youths.append(youth)

    # A matching run; staff accept most proposals and introduce some matches.
    run = lifecycle.matching_start(programme=programme, by=coordinator)
    proposals = list(
        Proposal.objects.filter(run=run).select_related("youth", "mentor").order_by("-score")
    )
    matches = []
    for n, proposal in enumerate(proposals[:12]):
        match = lifecycle.proposal_accept(proposal=proposal, by=coordinator)
        if n < 10 and match.status == "proposed":
            match = lifecycle.match_introduce(match=match, by=coordinator)
        matches.append(match)
    if len(proposals) > 13:
        lifecycle.proposal_pin(by=SYSTEM, proposal=proposals[12], pinned=True)
        lifecycle.proposal_reject(proposal=proposals[13], by=coordinator)
    active = list({m.pk: m for m in matches if m.status == "active"}.values())
    for m in active:
        for checkin in CheckIn.objects.filter(
            match=m, done_on__isnull=True, party__in=["mentor", "youth"]
        ):
            lifecycle.checkin_record(
                checkin=checkin,
                rating=rng.randint(3, 5),
                meets_regularly=True,
                note="Ça se passe bien.",
                by=SYSTEM,
            )
        lifecycle.contact_record(
            match=m,
            kind="outing",
            happened_on=today - timedelta(days=rng.randint(1, 20)),
            place="Sortie au parc",
            arranged_with_guardian=True,
            by=SYSTEM,
        )
    if len(active) >= 2:
        moved = active[0].youths.first()
        if moved is not None:
            target = pdc if moved.agency_id == nord.pk else nord
            family.youth_placement_change(
                by=SYSTEM,
                youth=moved,
                kind="foster_family",
                since=today - timedelta(days=5),
                new_family=[
                    {
                        "first_name": "Nadia",
                        "last_name": "Nouvelle famille",
                        "phone": "06 12 34 56 78",
                    }
                ],
                summary_for_mentor="Nouvelle famille d'accueil, même ville.",
            )
            transfer = lifecycle.youth_transfer(youth=moved, to_agency=target, by=coordinator)
            # The demo's receiving agency accepts the handover (the demo runs as trusted code).
            lifecycle.transfer_accept(transfer=transfer, by=SYSTEM)
        lifecycle.match_close(
            match=active[-1],
            reason="mentor_moving",
            conversation_on=today - timedelta(days=2),
            conversation="Le mentor déménage ; au revoir préparé avec le jeune.",
            youth_view="Le jeune est triste mais comprend ; il aimerait un autre mentor.",
            by=coordinator,
        )
        # Four eyes: a second staff member confirms (the demo runs as trusted code). The other
        # active match keeps a proposal waiting, so the demo shows the confirmation box.
        lifecycle.closure_confirm(closure=active[-1].closures.get(), by=SYSTEM)
        if len(active) > 2:
            lifecycle.match_close(
                match=active[-2],
                reason="youth_wish",
                conversation_on=today - timedelta(days=1),
                conversation="La jeune souhaite arrêter pour se consacrer à son apprentissage.",
                youth_view="Elle remercie sa marraine et préfère arrêter maintenant.",
                by=coordinator,
            )
    # An adoption (issue 14): the foster family adopts; the youth and the family both wish to keep
    # the mentor, so the match goes on and the adoptive parents hold the guardian role.
    if len(active) > 3:
        adopted = active[1].youths.first()
        if adopted is not None:
            family.youth_adoption_record(
                by=SYSTEM,
                youth=adopted,
                adopted_on=today - timedelta(days=3),
                current_family_adopts=True,
                new_parents=[]
                if current_family(adopted.person)
                else [
                    {"first_name": "Claire", "last_name": "Adoptante", "phone": "06 98 76 54 32"}
                ],
                youth_wish="keep",
                family_wish="keep",
                wishes="Le jeune et sa famille adoptive tiennent à garder son mentor.",
                summary_for_mentor="Le jeune a été adopté par sa famille d'accueil.",
            )
    # A group match across the two agencies (issue 14): each agency's case worker sees only their
    # own youth of the group, the other is counted; one note is about one youth, one about the
    # group, shared with the Nord agency only.
    group_person = _small_person(world, atn, roles=[], languages=["fr"], availability=["sat-pm"])
    group_mentor = services.mentor_apply(
        programme=programme,
        first_name=group_person.first_name,
        last_name=group_person.last_name,
        email=group_person.email,
        birth_year=1975,
        interests=["cuisine", "football", "musique"],
        languages=["fr"],
        region=TOWNS[0],
        mode="group",
        capacity=3,
        motivation="Animer un petit groupe.",
    )
    K = ScreeningStep.Kind
    for kind, referee in (
        (K.INTERVIEW, ""),
        (K.REFERENCE, "Référent 1"),
        (K.REFERENCE, "Référent 2"),
        (K.BACKGROUND, ""),
        (K.SAFEGUARDING, ""),
    ):
        services.screening_record(
            by=SYSTEM, mentor=group_mentor, kind=kind, outcome="passed", referee=referee
        )
    for module in (basics, care):
        services.training_record(
            person=group_mentor.person,
            module=module,
            completed_on=today - timedelta(days=40),
            by=SYSTEM,
        )
    group_youths = []
    for agency in (nord, pdc):
        first, last = world.state["namer"]()
        youth = services.youth_enrol(
            by=SYSTEM,
            programme=programme,
            agency=agency,
            first_name=first,
            last_name=last,
            birth_date=date(today.year - 13, 3, 14),
            interests=["cuisine"],
            languages=["fr"],
            region=TOWNS[0],
            mode="group",
            case_worker=workers[agency.pk],
            guardian_first_name="Famille",
            guardian_last_name=f"d'accueil {last}",
            placement="Famille d'accueil",
        )
        services.consent_record(by=SYSTEM, youth=youth, party=Consent.Party.YOUTH, given_by=first)
        services.consent_record(
            by=SYSTEM, youth=youth, party=Consent.Party.PLACING_SERVICE, given_by=agency.name
        )
        services.readiness_record(
            by=SYSTEM, youth=youth, readiness="ready", note="Prête pour un groupe.", mode="group"
        )
        group_youths.append(youth)
    group_match = lifecycle.match_create(
        programme=programme,
        mentors=[group_mentor],
        youths=group_youths,
        mode="group",
        by=coordinator,
    )
    group_match = lifecycle.match_introduce(match=group_match, by=coordinator)
    lifecycle.progress_note_add(
        match=group_match,
        youth=group_youths[0],
        text="Prend la parole plus facilement dans le groupe.",
        by=SYSTEM,
    )
    lifecycle.progress_note_add(
        match=group_match,
        youth=None,
        text="Atelier cuisine à trois : bonne entente.",
        shared_with=[nord],
        by=SYSTEM,
    )
    world.log(
        f"  mentoring: {len(states)} mentors, {len(youths)} youths, {len(proposals)} proposals, {len(active)} active matches"
    )


SMALL_STEPS = [mentoring_demo]


from .demo_national import national_mentoring  # noqa: E402

NATIONAL_STEPS = [national_mentoring]
