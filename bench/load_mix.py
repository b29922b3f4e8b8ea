"""The load benchmark's task mix (bench/load_national.py): who signs in, and what each one opens.

Four kinds of signed-in user, each with the pages and API lists of their work, weighted:

- coordinator: the home page, the people list (and a search), groups, mentoring matches,
  onboarding journeys and one journey, and the API lists of people, groups, matches, journeys;
- facilitator: the home page, their group, its latest held session, the attendance form, and the
  one write of the mix, saving attendance (the form's POST, through `attendance_record`);
- newcomer: the home page, their journey and their tasks;
- mentor: the home page, the matches list and their match, the API list of matches.

`build_plan` picks real users of the loaded data (the national set, or the small demo set in the
test `entrepairs/demo/tests/test_load_mix.py`) and resolves each step to a URL; `sign_in` opens a
session for each one directly (as `Client.force_login` does) instead of typing 50 passwords: the
national set's invented accounts have no usable password. Users whose organisation requires
two-factor and who have no authenticator are left out: every page would send them to enrolment.
The plan is plain JSON, read by bench/locustfile.py, which needs no Django.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any

# Share of each kind among the signed-in users (in this order when the count is not divisible).
SHARES = {"coordinator": 0.3, "facilitator": 0.3, "newcomer": 0.2, "mentor": 0.2}
SEARCH_WORDS = ["mar", "dub", "ler", "ber", "sar", "ka", "mat", "ann", "rou", "lu"]
ATTENDANCE_LABEL = "Write: attendance entry (POST)"
# Attendance as the national set has it: 85 % present, 10 % excused, 5 % absent.
MARKS = ["present"] * 17 + ["excused"] * 2 + ["absent"]


@dataclass
class Step:
    label: str  # the row of the results table
    path: str
    weight: int


@dataclass
class PlannedUser:
    kind: str
    email: str
    steps: list[Step]
    # The attendance write: the form's path and the members to mark (facilitators only).
    attendance_path: str = ""
    attendance_members: list[str] = field(default_factory=list)
    session_key: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def attendance_form(members: list[str], csrf: str, rng: random.Random) -> dict[str, str]:
    """The attendance form as a facilitator saves it (groups/attendance.html): one mark per member.
    `csrf` is the client's own CSRF secret, sent in the csrftoken cookie too (Django accepts it)."""
    form = {f"status_{member}": rng.choice(MARKS) for member in members}
    form["csrfmiddlewaretoken"] = csrf
    return form


def _usable(user: Any) -> bool:
    from entrepairs.accounts.two_factor import must_enrol_two_factor

    return bool(user and user.is_active and not must_enrol_two_factor(user))


def _coordinators() -> list[PlannedUser]:
    from entrepairs.groups.models import Group
    from entrepairs.onboarding.models import Journey

    plans: list[PlannedUser] = []
    seen = set()
    journeys = (
        Journey.objects.filter(coordinator__user__isnull=False)
        .select_related("coordinator__user")
        .order_by("coordinator__email", "pk")
    )
    for journey in journeys.iterator():
        person: Any = journey.coordinator
        if person.pk in seen or not _usable(person.user):
            continue
        seen.add(person.pk)
        n = len(plans)
        word = SEARCH_WORDS[n % len(SEARCH_WORDS)]
        steps = [
            Step("Page: home", "/", 3),
            Step("Page: people list", "/people/", 3),
            Step("Page: people search", f"/people/?q={word}", 2),
            Step("Page: groups list", "/groups/", 1),
            Step("Page: mentoring matches", "/mentoring/matches/", 2),
            Step("Page: onboarding journeys", "/onboarding/journeys/", 2),
            Step("Page: onboarding journey", f"/onboarding/journeys/{journey.pk}/", 2),
            Step("API: people", "/api/v1/people/", 2),
            Step("API: groups", "/api/v1/groups/", 1),
            Step("API: mentoring matches", "/api/v1/mentoring/matches/", 1),
            Step("API: onboarding journeys", "/api/v1/onboarding/journeys/", 1),
        ]
        group = Group.objects.filter(organisation_id=person.organisation_id).order_by("pk").first()
        if group is not None:
            steps.append(Step("Page: group", f"/groups/{group.pk}/", 2))
        plans.append(PlannedUser("coordinator", person.user.email, steps))
    return plans


def _facilitators() -> list[PlannedUser]:
    from django.utils import timezone

    from entrepairs.groups.models import Group, Session
    from entrepairs.groups.signatures import signed_member_ids

    plans: list[PlannedUser] = []
    seen = set()
    groups = (
        Group.objects.filter(facilitators__user__isnull=False)
        .prefetch_related("facilitators__user")
        .order_by("pk")
    )
    for group in groups:
        person: Any = next((p for p in group.facilitators.all() if p.pk not in seen), None)
        if person is None or not _usable(person.user):
            continue
        session = (
            Session.objects.filter(
                group=group, status=Session.Status.HELD, starts_at__lte=timezone.now()
            )
            .order_by("-starts_at")
            .first()
        )
        if session is None:
            continue
        members = [
            str(pk) for pk in group.members.exclude(status="left").values_list("pk", flat=True)
        ]
        # A member who signed the sheet is present and stays so (groups.services): the form
        # marks only the others.
        signed = {str(pk) for pk in signed_member_ids(session, members)}
        members = [m for m in members if m not in signed]
        if not members:
            continue
        seen.add(person.pk)
        steps = [
            Step("Page: home", "/", 2),
            Step("Page: group", f"/groups/{group.pk}/", 3),
            Step("Page: session", f"/groups/sessions/{session.pk}/", 2),
            Step("Page: attendance form", f"/groups/sessions/{session.pk}/attendance/", 2),
            Step("API: group sessions", f"/api/v1/groups/sessions/?group={group.pk}", 1),
        ]
        plans.append(
            PlannedUser(
                "facilitator",
                person.user.email,
                steps,
                attendance_path=f"/groups/sessions/{session.pk}/attendance/",
                attendance_members=members,
            )
        )
    return plans


def _newcomers() -> list[PlannedUser]:
    from entrepairs.onboarding.models import Journey

    plans: list[PlannedUser] = []
    journeys = (
        Journey.objects.filter(newcomer__user__isnull=False, closed_on__isnull=True)
        .select_related("newcomer__user")
        .order_by("pk")
    )
    for journey in journeys[:500]:
        newcomer: Any = journey.newcomer
        if not _usable(newcomer.user):
            continue
        steps = [
            Step("Page: home", "/", 3),
            Step("Page: my journey", "/onboarding/me/", 3),
            Step("Page: my tasks", "/onboarding/tasks/", 2),
        ]
        plans.append(PlannedUser("newcomer", newcomer.user.email, steps))
    return plans


def _mentors() -> list[PlannedUser]:
    from entrepairs.mentoring.models import Match

    plans: list[PlannedUser] = []
    seen = set()
    matches = (
        Match.objects.filter(status=Match.Status.ACTIVE, mentors__person__user__isnull=False)
        .prefetch_related("mentors__person__user")
        .order_by("pk")
    )
    for match in matches[:500]:
        person: Any = next((m.person for m in match.mentors.all() if m.person.user_id), None)
        if person is None or person.pk in seen or not _usable(person.user):
            continue
        seen.add(person.pk)
        steps = [
            Step("Page: home", "/", 2),
            Step("Page: mentoring matches", "/mentoring/matches/", 3),
            Step("Page: match", f"/mentoring/matches/{match.pk}/", 2),
            Step("API: mentoring matches", "/api/v1/mentoring/matches/", 1),
        ]
        plans.append(PlannedUser("mentor", person.user.email, steps))
    return plans


def candidates() -> dict[str, list[PlannedUser]]:
    """Every usable user of each kind in the loaded data, in a stable order."""
    return {
        "coordinator": _coordinators(),
        "facilitator": _facilitators(),
        "newcomer": _newcomers(),
        "mentor": _mentors(),
    }


def build_plan(users: int, *, first_email: str = "") -> list[PlannedUser]:
    """`users` distinct users split by SHARES (a kind short of people gives its places to the
    others); `first_email`, when found among the coordinators, is the first of them."""
    pools = candidates()
    if first_email:
        coordinators = pools["coordinator"]
        coordinators.sort(key=lambda p: p.email != first_email)
    wanted = {kind: int(users * share) for kind, share in SHARES.items()}
    for kind in list(SHARES)[: users - sum(wanted.values())]:
        wanted[kind] += 1
    plan: list[PlannedUser] = []
    emails: set[str] = set()
    for kind, count in wanted.items():
        for planned in pools[kind]:
            if sum(1 for p in plan if p.kind == kind) == count:
                break
            if planned.email not in emails:
                plan.append(planned)
                emails.add(planned.email)
    spare = [p for kind in SHARES for p in pools[kind] if p.email not in emails]
    for planned in spare[: users - len(plan)]:
        plan.append(planned)
        emails.add(planned.email)
    return plan


def sign_in(plan: list[PlannedUser]) -> None:
    """A session for each planned user, as the sign-in page would open it."""
    from django.test import Client

    from entrepairs.accounts.models import User

    for planned in plan:
        client = Client()
        client.force_login(
            User.objects.get(email=planned.email),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        planned.session_key = client.cookies["sessionid"].value
