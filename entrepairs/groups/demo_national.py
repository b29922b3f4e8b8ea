"""Groups of the national benchmark set (`load_demo --size national`), inserted with bulk_create.

Proportions: every association holds one practice-analysis or peer-support group per 150 staff
(at least one), of 6 to 10 members drawn from different core teams; ten sessions five weeks
apart, eight in the past year (held, attendance recorded for every member: 85 % present, 10 %
excused, 5 % absent) and two to come. A group is led by an outside facilitator who holds the
facilitator role in the association (a provider's facilitator); where the association has none,
it is a peer-support group led by one of its staff. Every group is founded (membership closed at
its first session), its charter accepted by every member.

The rows satisfy what the services enforce: members and facilitators are active staff, never a
youth; nobody sits with anyone of their line-management chain (members are staff who manage
nobody, their managers stay out: `hierarchy.links_within` finds no link); a facilitator is never
a member; sessions are numbered by date within the programme year, avoid public holidays and
weekends; attendance exists only for sessions that have started, which are held.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

import holidays
from django.utils import timezone

GROUPS_PER_STAFF = 150
SESSIONS = 10
SESSION_GAP_DAYS = 35
FIRST_SESSION_DAYS_AGO = 8 * SESSION_GAP_DAYS - 32  # the eighth session was three days ago


def _session_days(rng: random.Random, today: date) -> list[date]:
    public = holidays.France(years=range(today.year - 1, today.year + 2))
    first = today - timedelta(days=FIRST_SESSION_DAYS_AGO + rng.randint(0, 6))
    days = []
    for number in range(SESSIONS):
        day = first + timedelta(days=SESSION_GAP_DAYS * number)
        while day.weekday() >= 5 or day in public:
            day += timedelta(days=1)
        days.append(day)
    return days


def _programme_year(day: date, start_month: int = 9) -> int:
    return day.year if day.month >= start_month else day.year - 1


def national_groups(world: Any) -> None:
    from entrepairs.demo.generator import BATCH_SIZE, _uuid
    from entrepairs.organisations.models import Role
    from entrepairs.people.models import Profession

    from .models import Attendance, Charter, Group, GroupMember, Kind, Session

    rng = random.Random(world.rng.getrandbits(64))  # its own stream: later steps stay the same
    rows = world.state["rows"]
    now = timezone.now()
    today = timezone.localdate()
    facilitators: dict[Any, list[Any]] = {}
    for membership in rows.memberships:
        if membership.role == Role.FACILITATOR:
            facilitators.setdefault(membership.organisation_id, []).append(membership.person_id)
    staff: dict[Any, dict[Any, list[Any]]] = {}  # organisation -> team -> people who manage nobody
    for person in rows.people:
        if person.team_id and person.email and person.profession not in ("", Profession.MANAGER):
            staff.setdefault(person.organisation_id, {}).setdefault(person.team_id, []).append(
                person
            )
    groups, charters, members, sessions, attendance = [], [], [], [], []
    through_facilitators, through_organisations = [], []
    for org in rows.organisations:
        teams = staff.get(org.pk)
        if org.kind != "association" or not teams:
            continue
        pool = [p for people in teams.values() for p in people]
        outside = facilitators.get(org.pk, [])
        for number in range(1, max(1, rows.sizes[org.pk] // GROUPS_PER_STAFF) + 1):
            size = rng.randint(6, 10)
            # One member per core team first, so colleagues of one team rarely meet there.
            chosen: list[Any] = []
            for team in rng.sample(list(teams), len(teams)):
                if len(chosen) == size:
                    break
                chosen.append(rng.choice(teams[team]))
            while len(chosen) < size and len(chosen) < len(pool):
                extra = rng.choice(pool)
                if extra not in chosen:
                    chosen.append(extra)
            if len(chosen) < 6:
                continue  # a group starts at six (the kind's minimum)
            if outside:
                lead = rng.choice(outside)
                kind = rng.choice([Kind.PRACTICE_ANALYSIS, Kind.PEER_SUPPORT])
            else:
                kind = Kind.PEER_SUPPORT
                leaders = [p for p in pool if p not in chosen]
                if not leaders:
                    continue
                lead = rng.choice(leaders).pk
            label = (
                "Analyse de la pratique" if kind == Kind.PRACTICE_ANALYSIS else "Groupe de pairs"
            )
            group = Group(
                id=_uuid(rng),
                organisation_id=org.pk,
                name=f"{label} {number:02d}",
                kind=kind,
                status=Group.Status.FOUNDED,
                created_by_id=lead,
                description="Groupe du jeu de données national.",
            )
            groups.append(group)
            through_facilitators.append(
                Group.facilitators.through(group_id=group.pk, person_id=lead)
            )
            through_organisations.append(
                Group.organisations.through(group_id=group.pk, organisation_id=org.pk)
            )
            days = _session_days(rng, today)
            charters.append(Charter(id=_uuid(rng), group=group))
            accepted = timezone.make_aware(datetime.combine(days[0], time(15, 0)))
            group_members = [
                GroupMember(
                    id=_uuid(rng),
                    group=group,
                    person_id=person.pk,
                    charter_accepted_at=accepted,
                    charter_version=1,
                )
                for person in chosen
            ]
            members.extend(group_members)
            numbers: dict[int, int] = {}
            for index, day in enumerate(days):
                starts = timezone.make_aware(datetime.combine(day, time(14, 0)))
                year = _programme_year(day)
                numbers[year] = numbers.get(year, 0) + 1
                session = Session(
                    id=_uuid(rng),
                    group=group,
                    number=numbers[year],
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    is_founding=index == 0,
                    room="Salle de réunion",
                    status=Session.Status.HELD if starts <= now else Session.Status.PLANNED,
                )
                sessions.append(session)
                if starts > now:
                    continue
                for member in group_members:
                    roll = rng.random()
                    status = (
                        Attendance.Status.PRESENT
                        if roll < 0.85
                        else Attendance.Status.EXCUSED
                        if roll < 0.95
                        else Attendance.Status.ABSENT
                    )
                    attendance.append(
                        Attendance(
                            id=_uuid(rng),
                            session=session,
                            member=member,
                            status=status,
                            recorded_by_id=lead,
                        )
                    )
    Group.objects.bulk_create(groups, batch_size=BATCH_SIZE)
    Group.facilitators.through.objects.bulk_create(through_facilitators, batch_size=BATCH_SIZE)
    Group.organisations.through.objects.bulk_create(through_organisations, batch_size=BATCH_SIZE)
    Charter.objects.bulk_create(charters, batch_size=BATCH_SIZE)
    GroupMember.objects.bulk_create(members, batch_size=BATCH_SIZE)
    Session.objects.bulk_create(sessions, batch_size=BATCH_SIZE)
    Attendance.objects.bulk_create(attendance, batch_size=BATCH_SIZE)
    world.counts.update(
        groups=len(groups),
        group_members=len(members),
        group_sessions=len(sessions),
        attendance=len(attendance),
    )
    world.log(
        f"  {len(groups)} groups, {len(members)} members, {len(sessions)} sessions, "
        f"{len(attendance)} attendance rows"
    )
