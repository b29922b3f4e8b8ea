"""Mentoring of the national benchmark set (`load_demo --size national`), inserted with bulk_create.

Proportions: every agency and association with at least three youths (one person in twenty of an
organisation is a youth it serves) runs one youth-mentoring programme for its own youths, under
an information-sharing agreement with itself. Every youth is enrolled (consents of the youth and
the placing service, readiness assessed "ready"); one mentor per youth is drawn from the
organisation's staff, screened (interview, two references, background check valid three more
years, safeguarding clearance) and approved. About 55 % of youths are in an active match with
its next check-ins due, 15 % in a completed one (closed with the programme's "completed" reason,
youth left the programme), the rest wait for a mentor.

The rows satisfy what the services enforce (`lifecycle._check_pairing`): mentor and youth belong
to the programme, both of the programme's organisation; the mentor has no screening gap and the
programme requires no training; the youth has both consents and is ready; one mentor per
individual match, never beyond capacity (each mentor has at most one match); a youth has at most
one open match; every person speaks French, so the common-language rule holds.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

MIN_YOUTHS = 3


def national_mentoring(world: Any) -> None:
    from entrepairs.demo.generator import BATCH_SIZE, _uuid
    from entrepairs.organisations.models import Role
    from entrepairs.people.models import Profession

    from .models import (
        CheckIn,
        Consent,
        Match,
        MatchEvent,
        Mentor,
        Programme,
        ScreeningStep,
        SharingAgreement,
        Youth,
    )

    rng = random.Random(world.rng.getrandbits(64))
    rows = world.state["rows"]
    today = timezone.localdate()
    youths_by_org: dict[Any, list[Any]] = {}
    staff_by_org: dict[Any, list[Any]] = {}
    youth_ids = {m.person_id for m in rows.memberships if m.role == Role.YOUTH}
    for person in rows.people:
        if person.pk in youth_ids:
            youths_by_org.setdefault(person.organisation_id, []).append(person)
        elif person.email and person.profession not in ("", Profession.MANAGER):
            staff_by_org.setdefault(person.organisation_id, []).append(person)
    programmes: list[Any] = []
    agreements: list[Any] = []
    mentors: list[Any] = []
    steps: list[Any] = []
    youths: list[Any] = []
    consents: list[Any] = []
    matches: list[Any] = []
    events: list[Any] = []
    checkins: list[Any] = []
    match_mentors: list[Any] = []
    match_youths: list[Any] = []
    screening = [
        (ScreeningStep.Kind.INTERVIEW, None),
        (ScreeningStep.Kind.REFERENCE, None),
        (ScreeningStep.Kind.REFERENCE, None),
        (ScreeningStep.Kind.BACKGROUND, 365 * 3),
        (ScreeningStep.Kind.SAFEGUARDING, None),
    ]
    for org in rows.organisations:
        served = youths_by_org.get(org.pk, [])
        staff = staff_by_org.get(org.pk, [])
        if org.kind not in ("agency", "association") or len(served) < MIN_YOUTHS:
            continue
        if len(staff) < len(served):
            continue
        programme = Programme(
            id=_uuid(rng),
            organisation_id=org.pk,
            name="Parrainage de proximité",
            slug="parrainage",
            description="Programme du jeu de données national.",
        )
        programmes.append(programme)
        agreements.append(
            SharingAgreement(
                id=_uuid(rng),
                organisation_id=org.pk,
                agency_id=org.pk,
                fields=["first_name", "age", "interests", "languages", "region"],
                purposes={"first_name": "Se présenter", "age": "Adapter les activités"},
                signed_on=today - timedelta(days=400),
                valid_until=today + timedelta(days=700),
            )
        )
        for youth_person, mentor_person in zip(served, rng.sample(staff, len(served)), strict=True):
            enrolled = today - timedelta(days=rng.randint(60, 700))
            approved = timezone.make_aware(datetime.combine(enrolled, time(10, 0)))
            mentor = Mentor(
                id=_uuid(rng),
                programme=programme,
                organisation_id=org.pk,
                person_id=mentor_person.pk,
                status=Mentor.Status.APPROVED,
                birth_year=today.year - rng.randint(25, 60),
                applied_at=approved - timedelta(days=60),
                approved_at=approved,
            )
            mentors.append(mentor)
            for kind, valid_days in screening:
                done = enrolled - timedelta(days=rng.randint(10, 50))
                steps.append(
                    ScreeningStep(
                        id=_uuid(rng),
                        mentor=mentor,
                        kind=kind,
                        outcome=ScreeningStep.Outcome.PASSED,
                        done_on=done,
                        expires_on=today + timedelta(days=valid_days) if valid_days else None,
                    )
                )
            youth = Youth(
                id=_uuid(rng),
                programme=programme,
                person_id=youth_person.pk,
                agency_id=org.pk,
                organisation_id=org.pk,
                birth_date=date(today.year - rng.randint(12, 17), rng.randint(1, 12), 1),
                readiness=Youth.Readiness.READY,
                readiness_assessed_on=enrolled,
                status=Youth.Status.WAITING,
                enrolled_on=enrolled,
            )
            youths.append(youth)
            for party in (Consent.Party.YOUTH, Consent.Party.PLACING_SERVICE):
                consents.append(
                    Consent(
                        id=_uuid(rng),
                        youth=youth,
                        party=party,
                        given_by=str(youth_person) if party == Consent.Party.YOUTH else org.name,
                        given_on=enrolled,
                    )
                )
            roll = rng.random()
            if roll >= 0.70:
                continue  # waits for a mentor
            introduced = enrolled + timedelta(days=rng.randint(14, 45))
            ended = roll >= 0.55 and introduced + timedelta(days=90) < today
            if introduced >= today:
                continue
            match = Match(
                id=_uuid(rng),
                programme=programme,
                organisation_id=org.pk,
                status=Match.Status.COMPLETED if ended else Match.Status.ACTIVE,
                introduced_on=introduced,
                last_contact_on=min(today, introduced + timedelta(days=rng.randint(0, 60))),
            )
            if ended:
                match.ended_on = min(today, introduced + timedelta(days=rng.randint(90, 600)))
                match.closure_reason = "completed"
                match.closure_conversation_on = match.ended_on
                match.closure_conversation = "Objectifs atteints ; le jeune garde le contact."
                youth.status = Youth.Status.LEFT
            else:
                youth.status = Youth.Status.MATCHED
                due = introduced + timedelta(days=programme.checkin_interval_days)
                while due < today - timedelta(days=programme.checkin_interval_days):
                    due += timedelta(days=programme.checkin_interval_days)
                checkins.extend(
                    CheckIn(id=_uuid(rng), match=match, party=party, due_on=due)
                    for party in (CheckIn.Party.MENTOR, CheckIn.Party.YOUTH)
                )
            matches.append(match)
            match_mentors.append(Match.mentors.through(match_id=match.pk, mentor_id=mentor.pk))
            match_youths.append(Match.youths.through(match_id=match.pk, youth_id=youth.pk))
            events.append(MatchEvent(id=_uuid(rng), match=match, kind="proposed"))
            events.append(MatchEvent(id=_uuid(rng), match=match, kind="introduced"))
            if ended:
                events.append(
                    MatchEvent(
                        id=_uuid(rng),
                        match=match,
                        kind="closed",
                        data={"reason": "completed", "outcome": Match.Status.COMPLETED},
                    )
                )
    tables: tuple[tuple[Any, list[Any]], ...] = (
        (Programme, programmes),
        (SharingAgreement, agreements),
        (Mentor, mentors),
        (ScreeningStep, steps),
        (Youth, youths),
        (Consent, consents),
        (Match, matches),
        (Match.mentors.through, match_mentors),
        (Match.youths.through, match_youths),
        (MatchEvent, events),
        (CheckIn, checkins),
    )
    for model, objects in tables:
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    world.counts.update(
        programmes=len(programmes), mentors=len(mentors), youths=len(youths), matches=len(matches)
    )
    world.log(
        f"  {len(programmes)} programmes, {len(mentors)} mentors, {len(youths)} youths, "
        f"{len(matches)} matches"
    )
