"""Demo data for groups: three groups of different kinds with a year of sessions, half of them past
(attendance, situations, techniques, notes), a charter accepted by every member. Built through the
services, except past sessions, which the services rightly refuse to plan. The contract of the
supervision group and the announcement are the contracts and mailing apps' own demo steps."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone


def _series(group: Any, *, weekday: int, nth: int, start: date, site: Any, room: str) -> list:  # type: ignore[type-arg]
    from .models import Session
    from .recurrence import Recurrence, occurrences

    rule = Recurrence(start=start, weekday=weekday, nth=nth, start_time=time(14, 0))
    days, _skipped = occurrences(rule)
    sessions = []
    for number, day in enumerate(days, start=1):
        begin, end = rule.slot(day)
        sessions.append(
            Session(
                group=group,
                number=number,
                starts_at=begin,
                ends_at=end,
                is_founding=number == 1,
                site=site,
                room=room,
            )
        )
    return Session.objects.bulk_create(sessions)


SITUATIONS = [
    (
        "Une visite médiatisée qui tourne court",
        "Pendant la visite, la mère de Personne A quitte la salle au bout de dix minutes. "
        "Le jeune reste seul avec moi et ne dit plus rien.",
        "Comment accompagner le jeune après une visite interrompue sans prendre parti ?",
    ),
    (
        "Un refus d'entretien",
        "Personne B refuse depuis trois semaines de me rencontrer au service. "
        "L'éducatrice du foyer me demande de passer en force.",
        "Jusqu'où insister, et avec qui partager cette décision ?",
    ),
    (
        "La colère d'un parent",
        "Au téléphone, le père de Personne C m'a menacé de porter plainte contre le service. "
        "Je me suis senti seul face à lui.",
        "Comment garder ma place professionnelle quand je suis mis en cause personnellement ?",
    ),
]


def groups_demo(world: Any) -> None:
    from entrepairs.organisations.models import Site
    from entrepairs.people.models import Person

    from . import hierarchy, planning, services
    from .catalogue import ensure_catalogue
    from .models import (
        Attendance,
        Closure,
        GroupSettings,
        Session,
        Technique,
    )

    rng = world.rng
    atn = world.organisations["atn"]
    agency = world.organisations["ase-nord"]
    facilitator = world.people["facilitator"]
    professional = world.people["professional"]
    GroupSettings.objects.update_or_create(organisation=atn, defaults={"absence_threshold": 3})
    today = timezone.localdate()
    Closure.objects.create(
        organisation=atn,
        starts_on=date(today.year, 12, 24),
        ends_on=date(today.year + 1, 1, 1),
        label="Fermeture de fin d'année",
    )
    site = Site.objects.filter(organisation=atn, name="Siège — Lille").first()
    arras = Site.objects.filter(organisation=atn, name="Antenne d'Arras").first()

    def staff(*team_keys: str, exclude: set[Any] = frozenset()) -> list[Any]:  # type: ignore[assignment]
        return list(
            Person.objects.filter(team__in=[world.teams[k] for k in team_keys], user__isnull=True)
            .exclude(profession="manager")
            .exclude(pk__in=exclude)
            .order_by("last_name")
        )

    lille = [professional, *staff("lille_nord", "lille_sud")][:8]
    agency_staff = list(
        Person.objects.filter(organisation=agency, profession="case_worker", user__isnull=True)
    )[:2]
    supervision = services.group_create(
        organisation=atn,
        organisations=[agency],
        name="Supervision Lille Métropole",
        kind="supervision",
        facilitators=[facilitator],
        created_by=world.people["coordinator"],
        description="Groupe de supervision inter-services : tuteurs de l'ATN et référents de l'ASE.",
    )
    # The agency agreed to co-own the group (its coordinator accepted the request).
    services.co_ownership_accept(
        request=supervision.co_ownership_requests.get(organisation=agency),
        by=world.people["agency_coordinator"],
    )
    app = services.group_create(
        organisation=atn,
        name="Analyse de la pratique — Artois",
        kind="practice_analysis",
        facilitators=[facilitator],
        created_by=world.people["coordinator"],
        # Not "for questions hard to raise at work": it gathers the colleagues of two Artois
        # teams, which such a group keeps apart (services.check_colleagues_apart).
        hard_questions=False,
    )
    peers = services.group_create(
        organisation=atn,
        name="Groupe de pairs des tuteurs",
        kind="peer_support",
        facilitators=[world.people["regional_manager_2"]],
        created_by=world.people["regional_manager_2"],
        description="Groupe d'entraide entre tuteurs, animé à tour de rôle.",
    )
    rosters = {
        supervision: [*lille[:7], *agency_staff],
        app: staff("arras", "lens")[:8],
        # Its facilitator manages Artois: its members come from Lille (never their own staff).
        peers: staff("lille_nord", "lille_sud", exclude={p.pk for p in lille[:7]})[:7],
    }
    start = today - timedelta(days=182)
    plans = {
        supervision: (1, 3, site, "Salle Calme (2e étage)"),  # every third Tuesday
        app: (3, 2, arras, "Salle de réunion"),  # every second Thursday
        peers: (0, 1, site, "Petite salle"),  # every first Monday
    }
    ensure_catalogue()
    techniques = list(Technique.objects.filter(organisation__isnull=True))
    for group, people in rosters.items():
        members: list[Any] = []
        for p in people:  # the hierarchy is never in the group (PRODUCT.md §2)
            seated = {m.person_id for m in members} | group.facilitator_ids()
            clash = hierarchy.first_clash(
                kind=group.kind,
                hard_questions=group.hard_questions,
                newcomers={p.pk},
                others=seated,
            )
            if clash is None:
                members.append(services.member_add(group=group, person=p, by=facilitator))
        weekday, nth, place, room = plans[group]
        sessions = _series(group, weekday=weekday, nth=nth, start=start, site=place, room=room)
        planning.renumber(group)  # numbered by date within each programme year
        for member in members:
            services.charter_accept(member=member)
        if group == supervision:
            services.charter_update(
                group=group, own_rules="Les téléphones restent éteints pendant la séance."
            )
            for member in members:
                member.refresh_from_db()
                services.charter_accept(member=member)
        lead = group.facilitators.first()
        assert lead is not None  # every group has a facilitator (group_create)
        past = [s for s in sessions if s.ends_at < timezone.now()]
        for index, session in enumerate(past):
            marks: dict[Any, str] = {}
            for member in members:
                roll = rng.random()
                marks[member.pk] = (
                    Attendance.Status.PRESENT
                    if roll < 0.85
                    else Attendance.Status.EXCUSED
                    if roll < 0.95
                    else Attendance.Status.ABSENT
                )
            services.attendance_record(session=session, marks=marks, by=lead)
            if index == 0:
                services.group_found(group=group, by=lead)
                continue
            author = members[index % len(members)]
            author.refresh_from_db()
            title, episode, question = SITUATIONS[index % len(SITUATIONS)]
            situation = services.situation_save(
                session=session, author=author, title=title, episode=episode, question=question
            )
            technique = rng.choice(techniques)
            services.session_record(
                session=session,
                speaking_order=[str(m.pk) for m in rng.sample(members, len(members))],
                techniques=[technique],
                theory_input="Le triangle dramatique (Karpman) ; la bonne distance (Winnicott).",
                worked_on={str(situation.pk): technique},
            )
            if group != peers:
                services.note_add(
                    session=session,
                    author=lead,
                    text="Groupe attentif ; reprendre la question du cadre à la prochaine séance.",
                )
        if group == supervision and past:
            _sign_attendance(past[-1], lead)
    # One session moved, one cancelled (with its reason), among the future ones of the
    # supervision group; one extra session kept on a public holiday with the facilitator's reason.
    upcoming = list(Session.objects.upcoming().filter(group=supervision)[:3])
    if len(upcoming) >= 2:
        moved = upcoming[0]
        target = moved.starts_at + timedelta(days=2)
        while planning.day_off(supervision, timezone.localtime(target).date()):
            target += timedelta(days=1)
        services.session_move(
            session=moved,
            starts_at=target,
            ends_at=target + moved.duration,
            site=site,
            room="Salle Calme (2e étage)",
        )
        services.session_cancel(
            session=upcoming[1], reason="L'animatrice est en formation ce jour-là."
        )
    victory = date(today.year + (today >= date(today.year, 5, 8)), 5, 8)
    services.session_add(
        group=supervision,
        starts_at=timezone.make_aware(datetime.combine(victory, time(9, 30))),
        ends_at=timezone.make_aware(datetime.combine(victory, time(12, 30))),
        site=site,
        room="Salle Calme (2e étage)",
        confirm_holiday=True,
        holiday_reason="Séance supplémentaire : la seule date commune du groupe avant l'été.",
    )
    # The practice-analysis group counts its year from January (its own setting); the others
    # follow the organisation's, September to August.
    services.group_set_programme_year(group=app, start_month=1)
    world.log(
        f"  groups: 3 groups, {Session.objects.filter(group__organisation=atn).count()} sessions"
    )


def _demo_drawing(seed: int) -> bytes:
    """A scribble as a drawn signature would be (PNG), different for each member."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    points = [(20 + 26 * i, 70 - ((i * 37 + seed * 11) % 50)) for i in range(11)]
    ImageDraw.Draw(image).line(points, fill="black", width=3)
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _sign_attendance(session: Any, lead: Any) -> None:
    """The last held session of the supervision group was signed on the facilitator's tablet:
    drawn signatures, one typed (issue 13: "the demo data shows signed attendance")."""
    from .models import Attendance
    from .signatures import attendance_sign, half_days

    present = session.attendance.filter(status=Attendance.Status.PRESENT).select_related(
        "member__person"
    )
    for index, row in enumerate(present):
        for slot in half_days(session):
            attendance_sign(
                session=session,
                member=row.member,
                half_day=slot.key,
                by=lead,
                own_device=False,
                typed_name=str(row.member.person) if index == 0 else "",
                drawing=b"" if index == 0 else _demo_drawing(index),
                given_at=max(session.ends_at, slot.bounds()[0]),
            )


SMALL_STEPS = [groups_demo]


from .demo_national import national_groups  # noqa: E402

NATIONAL_STEPS = [national_groups]
