"""The access world: one "side" per organisation, built twice (side A and an unrelated twin X) with
the real services, so that every object of side A has a twin with another organisation's id.

Roles (docs/access-expected.yaml `meta.roles`) map to people of side A, except
`coordinator_other_org`, the coordinator of the twin X; `platform_admin` is an account with no person.
Every confidential text carries a marker (`ZQ<side><WHAT>`): a cell is *allowed* when its marker is
in the response and *refused* when it is not (plus the exact status).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.groups.tests.builders import past_and_future_sessions

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test fixture


def marker(side: str, what: str) -> str:
    return f"ZQ{side}{what.upper()}"


@dataclass
class Side:
    tag: str
    org: Any
    people: dict[str, Any] = field(default_factory=dict)  # role -> Person
    objects: dict[str, Any] = field(default_factory=dict)  # object key -> instance


@dataclass
class World:
    a: Side
    x: Side
    admin: Any  # User without a person

    def user_for(self, role: str) -> Any:
        if role == "anonymous":
            return None
        if role == "platform_admin":
            return self.admin
        if role == "coordinator_other_org":
            return self.x.people["coordinator"].user
        return self.a.people[role].user


def _person(org: Any, first: str, last: str, *, role: str | None, **fields: Any) -> Any:
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership
    from entrepairs.people.models import Person

    email = f"{first}.{last}@{org.slug}.test".lower()
    user = User.objects.create_user(email, PASSWORD, display_name=f"{first} {last}")
    p = Person.objects.create(
        organisation=org, first_name=first, last_name=last, email=email, user=user, **fields
    )
    if role:
        Membership.objects.create(person=p, organisation=org, role=role)
    return p


def build_side(tag: str) -> Side:  # noqa: PLR0915 - one linear story
    from entrepairs.groups import services as groups
    from entrepairs.mentoring import lifecycle
    from entrepairs.mentoring import services as mentoring
    from entrepairs.mentoring.models import (
        Consent,
        Programme,
        ScreeningStep,
        SharingAgreement,
        Youth,
    )
    from entrepairs.onboarding import services as onboarding
    from entrepairs.onboarding.models import Competency, TutorProfile
    from entrepairs.onboarding.tests.conftest import build_template
    from entrepairs.organisations.models import Organisation, Role, Site, Team
    from entrepairs.training.models import TrainingModule

    t = tag.lower()
    org = Organisation.objects.create(name=f"Association {tag}", slug=f"assoc-{t}")
    agency = Organisation.objects.create(name=f"Agence {tag}", slug=f"agence-{t}", kind="agency")
    other_agency = Organisation.objects.create(
        name=f"Agence autre {tag}", slug=f"agence-autre-{t}", kind="agency"
    )
    side = Side(tag=tag, org=org)
    P = side.people
    team = Team.objects.create(organisation=org, name=f"Equipe {tag}", kind=Team.Kind.CORE)
    site = Site.objects.create(organisation=org, name=f"Siege {tag}", address="1 rue du Port")

    P["coordinator"] = _person(org, "Claire", f"Coord{t}", role=Role.COORDINATOR)
    P["manager"] = _person(org, "Marc", f"Manager{t}", role=Role.MANAGER, team=team)
    P["manager_other"] = _person(org, "Maud", f"Autremanager{t}", role=Role.MANAGER)
    P["professional"] = _person(
        org,
        "Paula",
        f"Pro{t}",
        role=Role.PROFESSIONAL,
        team=team,
        line_manager=P["manager"],
        notes=marker(tag, "personnotes"),
    )
    colleague = _person(org, "Colin", f"Collegue{t}", role=Role.PROFESSIONAL, team=team)
    more = [
        _person(org, n, f"Membre{t}", role=Role.PROFESSIONAL, team=team)
        for n in ("Alice", "Bob", "Chloe", "David")
    ]
    P["professional_other"] = _person(org, "Odile", f"Outsider{t}", role=Role.PROFESSIONAL)
    P["facilitator"] = _person(org, "Fanny", f"Facil{t}", role=Role.FACILITATOR)
    P["facilitator_other"] = _person(org, "Felix", f"Autrefacil{t}", role=Role.FACILITATOR)
    P["expert"] = _person(org, "Eve", f"Experte{t}", role=Role.EXPERT)
    P["tutor"] = _person(org, "Tara", f"Tutrice{t}", role=Role.PROFESSIONAL, team=team)
    P["newcomer"] = _person(
        org, "Nina", f"Nouvelle{t}", role=Role.NEWCOMER, team=team, line_manager=P["manager"]
    )
    P["newcomer_other"] = _person(
        org, "Oscar", f"Autre{t}", role=Role.NEWCOMER, team=team, line_manager=P["manager"]
    )
    P["case_worker"] = _person(agency, "Berthe", f"Travailleuse{t}", role=Role.CASE_WORKER)
    P["case_worker_other_agency"] = _person(
        other_agency, "Cyril", f"Travailleur{t}", role=Role.CASE_WORKER
    )

    # --- groups: a founded supervision group, the professional's situation, a shared note ---
    group = groups.group_create(
        organisation=org,
        name=marker(tag, "group"),
        kind="supervision",
        facilitators=[P["facilitator"]],
        created_by=P["coordinator"],
    )
    members = [
        groups.member_add(group=group, person=p, by=P["facilitator"])
        for p in [P["professional"], colleague, *more]
    ]
    past, future = past_and_future_sessions(group, site)
    for m in members:
        groups.charter_accept(member=m)
    members[0].refresh_from_db()
    situation = groups.situation_save(
        session=past,
        author=members[0],
        title=marker(tag, "situationtitle"),
        episode=marker(tag, "situation"),
        question="Comment garder le lien sans forcer ?",
        acknowledged=True,
    )
    note = groups.note_add(
        session=past, author=P["facilitator"], text=marker(tag, "sessionnote"), shared=True
    )
    groups.group_found(group=group, by=P["facilitator"])
    group.refresh_from_db()
    past.refresh_from_db()
    rows = groups.attendance_record(
        session=past,
        marks={members[0].pk: "present", members[1].pk: "absent"},
        by=P["facilitator"],
    )
    attendance = next(r for r in rows if r.member_id == members[0].pk)
    attendance_other = next(r for r in rows if r.member_id == members[1].pk)
    other_group = groups.group_create(
        organisation=org,
        name=marker(tag, "othergroup"),
        kind="supervision",
        facilitators=[P["facilitator_other"]],
        created_by=P["coordinator"],
    )
    side.objects.update(
        group=group,
        session=past,
        future=future,
        situation=situation,
        sessionnote=note,
        other_group=other_group,
        attendance=attendance,
        attendance_other=attendance_other,
        member=members[0],
        member_other=members[1],
    )

    # --- mentoring: programme of org, youth of the agency, active match with the mentor ---
    module = TrainingModule.objects.create(organisation=org, name=f"Bases {tag}")
    programme = Programme.objects.create(
        organisation=org,
        name=marker(tag, "programme"),
        kind=Programme.Kind.YOUTH,
        references_required=1,
    )
    programme.required_trainings.add(module)
    SharingAgreement.objects.create(
        organisation=org,
        agency=agency,
        fields=["first_name", "age", "interests"],
        purposes={"first_name": "address", "age": "plan", "interests": "outings"},
    )
    SharingAgreement.objects.create(
        organisation=org, agency=other_agency, fields=["first_name"], purposes={"first_name": "x"}
    )

    def approved_mentor(first: str, last: str) -> Any:
        m = mentoring.mentor_apply(
            programme=programme,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}@mentors-{t}.test".lower(),
            languages=["fr"],
            interests=["football"],
            region="Lille",
            birth_year=1985,
            mode="individual",
            capacity=1,
            motivation="I want to help",
        )
        for kind in (
            ScreeningStep.Kind.INTERVIEW,
            ScreeningStep.Kind.BACKGROUND,
            ScreeningStep.Kind.SAFEGUARDING,
        ):
            mentoring.screening_record(by=SYSTEM, mentor=m, kind=kind, outcome="passed")
        mentoring.screening_record(
            by=SYSTEM, mentor=m, kind="reference", outcome="passed", referee="Ref"
        )
        mentoring.training_record(
            person=m.person, module=module, completed_on=datetime.date(2026, 1, 10), by=SYSTEM
        )
        m.refresh_from_db()
        m.person.refresh_from_db()
        return m

    mentor = approved_mentor("Mona", f"Mentor{t}")
    mentor_other = approved_mentor("Max", f"Autrementor{t}")
    P["mentor"] = mentor.person
    P["mentor_other"] = mentor_other.person
    youth = mentoring.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=agency,
        first_name=marker(tag, "youth"),
        last_name=marker(tag, "lastname"),
        birth_date=datetime.date(2012, 5, 1),
        languages=["fr"],
        interests=["football"],
        region="Lille",
        mode="individual",
        case_worker=P["case_worker"],
        guardian_first_name="Gina",
        guardian_last_name=f"Gardienne{t}",
        guardian_phone="0600000000",
        placement=marker(tag, "placement"),
        school_level="5e",
    )
    mentoring.consent_record(by=SYSTEM, youth=youth, party=Consent.Party.YOUTH, given_by="La jeune")
    mentoring.consent_record(
        by=SYSTEM, youth=youth, party=Consent.Party.PLACING_SERVICE, given_by="ASE"
    )
    mentoring.readiness_record(
        by=SYSTEM, youth=youth, readiness=Youth.Readiness.READY, note="Prête", mode="individual"
    )
    match = lifecycle.match_create(
        by=SYSTEM, programme=programme, mentors=[mentor], youths=[youth], mode="individual"
    )
    match = lifecycle.match_introduce(match=match, by=SYSTEM)
    contact = lifecycle.contact_record(
        match=match,
        kind="meeting",
        happened_on=timezone.localdate(),
        note=marker(tag, "contactlog"),
        by=P["mentor"],
    )
    progress = lifecycle.progress_note_add(
        match=match, youth=youth, text=marker(tag, "progressnote"), by=P["case_worker"]
    )
    checkin = match.checkins.filter(party="youth").first() or match.checkins.first()
    if checkin is not None:
        checkin = lifecycle.checkin_record(
            checkin=checkin,
            rating=4,
            meets_regularly=True,
            note=marker(tag, "checkin"),
            told_by="le jeune, au téléphone",  # on the youth's behalf: who told is required
            by=P["coordinator"],
        )
    side.objects.update(
        programme=programme,
        youth=youth,
        match=match,
        contactlog=contact,
        progressnote=progress,
        checkin=checkin,
        # how the rating of 4 reads in the API's check-in rows and on the match page
        checkin_rating_api='"rating":4',
        checkin_rating_page="(4/5)",
    )

    # --- onboarding: the newcomer's journey with the tutor, an observation, a closing review ---
    template = build_template(org, function=marker(tag, "template"))
    version = template.latest_published()
    TutorProfile.objects.create(
        person=P["tutor"], trained=True, trained_on=datetime.date(2025, 3, 1), allocated_hours=8
    )
    start = timezone.localdate() - timedelta(days=20)
    journey = onboarding.journey_start(
        version=version,
        newcomer=P["newcomer"],
        start_date=start,
        coordinator=P["coordinator"],
        tutor=P["tutor"],
        confirm=True,
    ).journey
    other_journey = onboarding.journey_start(
        version=version,
        newcomer=P["newcomer_other"],
        start_date=start,
        coordinator=P["coordinator"],
        tutor=P["tutor"],
        confirm=True,
    ).journey
    competency = Competency.objects.filter(version=version).first()
    observation = onboarding.observation_record(
        journey=journey,
        competency=competency,
        level=2,
        observed_on=timezone.localdate(),
        note=marker(tag, "observation"),
        source="tutor",
        author=P["tutor"],
    )
    review = onboarding.closing_review_save(
        journey=journey,
        values={"progression": marker(tag, "evaluation")},
        as_newcomer=False,
        by=SYSTEM,
    )
    side.objects.update(
        journey=journey, other_journey=other_journey, observation=observation, evaluation=review
    )
    side.objects.update(person=P["professional"], template=template, agency=agency)
    side.objects["other_agency"] = other_agency
    from .world_more import add_business_feeds, add_people_admin

    add_business_feeds(side, site=site)
    add_people_admin(side)
    from .world_casework import add_casework

    add_casework(side)
    from .world_signatures import add_newsletter, add_signatures

    add_signatures(side)
    add_newsletter(side)
    from .world_events import add_events_and_networks

    add_events_and_networks(side)
    from .world_networks import add_directory_and_hosted_group

    add_directory_and_hosted_group(side)
    from .world_coaching import add_coaching

    add_coaching(side)
    from .world_training import add_training

    add_training(side)
    from .probes_picker import add_picker_targets

    add_picker_targets(side)
    return side


def build_world() -> World:
    from entrepairs.accounts.models import User

    a = build_side("A")
    x = build_side("X")
    admin = User.objects.create_superuser("admin@entrepairs.test", PASSWORD)
    return World(a=a, x=x, admin=admin)
