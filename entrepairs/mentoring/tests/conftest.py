"""Mentoring fixtures on top of the shared world: org_a runs the programme, org_b (agency) and a
third agency org_c partner with it; a trained mentor with an account; a ready youth of org_b."""

from datetime import date
from types import SimpleNamespace

import pytest

from entrepairs.core.services import SYSTEM


@pytest.fixture
def mworld(world):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User
    from entrepairs.mentoring import services
    from entrepairs.mentoring.models import (
        Consent,
        Programme,
        ScreeningStep,
        SharingAgreement,
        Youth,
    )
    from entrepairs.organisations.models import Membership, Organisation, Role
    from entrepairs.people.models import Person
    from entrepairs.training.models import TrainingModule

    org_c = Organisation.objects.create(
        name="Agence Enfance Est", slug="enfance-est", kind="agency"
    )
    worker_c = Person.objects.create(
        organisation=org_c,
        first_name="Cyril",
        last_name="TravailleurC",
        email="cyril@enfance-est.test",
        user=User.objects.create_user("cyril@enfance-est.test", world.password),
    )
    Membership.objects.create(person=worker_c, organisation=org_c, role=Role.CASE_WORKER)
    module = TrainingModule.objects.create(organisation=world.org_a, name="Mentoring basics")
    programme = Programme.objects.create(
        organisation=world.org_a,
        name="Parrainage Jeunes",
        kind=Programme.Kind.YOUTH,
        references_required=1,
    )
    programme.required_trainings.add(module)
    agreement = SharingAgreement.objects.create(
        organisation=world.org_a,
        agency=world.org_b,
        fields=["first_name", "age", "interests", "guardian_phone", "situation_updates"],
        purposes={
            "first_name": "address the youth",
            "age": "plan activities",
            "interests": "choose outings",
            "guardian_phone": "arrange meetings",
            "situation_updates": "continuity",
        },
    )
    SharingAgreement.objects.create(
        organisation=world.org_a, agency=org_c, fields=["first_name"], purposes={"first_name": "x"}
    )

    def approved_mentor(
        first: str,
        last: str,
        *,
        languages=("fr",),
        interests=("football",),
        mode="individual",
        capacity=1,
    ):  # type: ignore[no-untyped-def]
        m = services.mentor_apply(
            programme=programme,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}@mentors.test".lower(),
            languages=list(languages),
            interests=list(interests),
            region="Lille",
            birth_year=1985,
            mode=mode,
            capacity=capacity,
            motivation="I want to help",
        )
        for kind in (
            ScreeningStep.Kind.INTERVIEW,
            ScreeningStep.Kind.BACKGROUND,
            ScreeningStep.Kind.SAFEGUARDING,
        ):
            services.screening_record(by=SYSTEM, mentor=m, kind=kind, outcome="passed")
        services.screening_record(
            by=SYSTEM, mentor=m, kind="reference", outcome="passed", referee="Ref One"
        )
        services.training_record(
            person=m.person, module=module, completed_on=date(2026, 1, 10), by=SYSTEM
        )
        m.refresh_from_db()
        m.person.refresh_from_db()
        if m.person.user is not None:
            m.person.user.set_password(world.password)
            m.person.user.save()
        return m

    def ready_youth(
        first: str, last: str, *, agency=None, interests=("football",), mode="individual"
    ):  # type: ignore[no-untyped-def]
        agency = agency or world.org_b
        y = services.youth_enrol(
            by=SYSTEM,
            programme=programme,
            agency=agency,
            first_name=first,
            last_name=last,
            birth_date=date(2012, 5, 1),
            languages=["fr"],
            interests=list(interests),
            region="Lille",
            mode=mode,
            case_worker=world.worker_b if agency == world.org_b else None,
            guardian_first_name="Gina",
            guardian_last_name=f"Gardienne{last}",
            guardian_phone="0600000000",
            placement="Foyer des Lilas, confidential",
            school_level="5e",
        )
        services.consent_record(by=SYSTEM, youth=y, party=Consent.Party.YOUTH, given_by=first)
        services.consent_record(
            by=SYSTEM, youth=y, party=Consent.Party.PLACING_SERVICE, given_by="ASE"
        )
        services.readiness_record(
            by=SYSTEM,
            youth=y,
            readiness=Youth.Readiness.READY,
            note="Ready: secret assessment",
            mode=mode,
        )
        return y

    mentor = approved_mentor("Mona", "Mentor")
    youth = ready_youth("Lina", "Confidentielle")
    return SimpleNamespace(
        world=world,
        programme=programme,
        module=module,
        agreement=agreement,
        org_c=org_c,
        worker_c=worker_c,
        mentor=mentor,
        youth=youth,
        approved_mentor=approved_mentor,
        ready_youth=ready_youth,
    )


@pytest.fixture
def active_match(mworld):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring import lifecycle

    match = lifecycle.match_create(
        by=SYSTEM,
        programme=mworld.programme,
        mentors=[mworld.mentor],
        youths=[mworld.youth],
        mode="individual",
    )
    return lifecycle.match_introduce(by=SYSTEM, match=match)


@pytest.fixture(autouse=True)
def _english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read messages in the source language (fixture in the root conftest)."""
