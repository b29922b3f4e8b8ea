"""The mentor pipeline and youth intake, through the services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import Mentor, ScreeningStep, Youth


def test_it_approves_a_mentor_only_once_screened_cleared_and_trained(mworld) -> None:
    m = services.mentor_apply(
        programme=mworld.programme,
        first_name="Ana",
        last_name="Nouvelle",
        email="ana@x.test",
        motivation="help",
    )
    assert m.status == Mentor.Status.APPLIED
    services.screening_record(
        by=SYSTEM, mentor=m, kind=ScreeningStep.Kind.INTERVIEW, outcome="passed"
    )
    assert m.status == Mentor.Status.SCREENING
    services.screening_record(by=SYSTEM, mentor=m, kind="reference", outcome="passed", referee="R")
    services.screening_record(
        by=SYSTEM, mentor=m, kind=ScreeningStep.Kind.BACKGROUND, outcome="passed"
    )
    services.screening_record(
        by=SYSTEM, mentor=m, kind=ScreeningStep.Kind.SAFEGUARDING, outcome="passed"
    )
    m.refresh_from_db()
    assert m.status == Mentor.Status.TRAINING
    services.training_record(
        person=m.person, module=mworld.module, completed_on=date(2026, 2, 1), by=SYSTEM
    )
    m.refresh_from_db()
    assert m.status == Mentor.Status.APPROVED
    m.person.refresh_from_db()
    assert m.person.user_id is not None  # invited to an account on approval


def test_it_expires_a_background_check_after_the_programme_validity(mworld) -> None:
    step = services.screening_record(
        by=SYSTEM,
        mentor=mworld.mentor,
        kind=ScreeningStep.Kind.BACKGROUND,
        outcome="passed",
        done_on=date(2020, 1, 1),
    )
    assert step.expires_on == date(2023, 1, 1)


def test_it_refuses_to_match_an_unscreened_or_untrained_mentor(mworld) -> None:
    m = services.mentor_apply(
        programme=mworld.programme, first_name="Un", last_name="Screened", email="u@x.test"
    )
    y = mworld.ready_youth("Tom", "Pouce")
    with pytest.raises(ValidationError) as exc:
        lifecycle.match_create(
            by=SYSTEM, programme=mworld.programme, mentors=[m], youths=[y], mode="individual"
        )
    text = " ".join(exc.value.messages)
    assert "not screened" in text and "training" in text
    assert not y.matches.exists()


def test_it_refuses_a_youth_without_consent_or_readiness(mworld) -> None:
    y = services.youth_enrol(
        by=SYSTEM,
        programme=mworld.programme,
        agency=mworld.world.org_b,
        first_name="No",
        last_name="Consent",
        birth_date=date(2011, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        lifecycle.match_create(
            by=SYSTEM,
            programme=mworld.programme,
            mentors=[mworld.mentor],
            youths=[y],
            mode="individual",
        )
    text = " ".join(exc.value.messages)
    assert "consent" in text and "readiness" in text


def test_it_refuses_a_mentor_over_capacity(mworld, active_match) -> None:
    other = mworld.ready_youth("Second", "Jeune")
    with pytest.raises(ValidationError) as exc:
        lifecycle.match_create(
            by=SYSTEM,
            programme=mworld.programme,
            mentors=[mworld.mentor],
            youths=[other],
            mode="individual",
        )
    assert "over capacity" in " ".join(exc.value.messages)


def test_it_writes_mentoring_in_the_youths_list_of_services(mworld) -> None:
    assert [s.name for s in mworld.youth.services.all()] == ["Mentoring — Parrainage Jeunes"]


def test_it_refuses_an_intake_without_an_agreement_with_the_agency(mworld) -> None:
    from entrepairs.organisations.models import Organisation

    lonely = Organisation.objects.create(name="Sans accord", slug="sans-accord", kind="agency")
    with pytest.raises(ValidationError):
        services.youth_enrol(
            by=SYSTEM,
            programme=mworld.programme,
            agency=lonely,
            first_name="A",
            last_name="B",
            birth_date=date(2010, 1, 1),
        )
    assert not Youth.objects.filter(agency=lonely).exists()


def test_it_requires_the_youths_own_consent_from_the_programme_age(mworld) -> None:
    y = services.youth_enrol(
        by=SYSTEM,
        programme=mworld.programme,
        agency=mworld.world.org_b,
        first_name="Petit",
        last_name="Enfant",
        birth_date=date(2020, 1, 1),
    )
    services.consent_record(by=SYSTEM, youth=y, party="guardian", given_by="Parent")
    assert services.youth_gaps(y) == ["a readiness assessment saying the youth is ready"]
