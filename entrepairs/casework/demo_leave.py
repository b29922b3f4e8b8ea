"""Demo data for leave cover and continuity (issue 12, points 4 and 5): the leave under way in
each core team approved with its cover (a named replacement per case), a leave requested for
next month waiting for approval, contacts with the children (a few cases without contact for
longer than the six-week threshold)."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.people.models import Profession

from . import services
from .models import Case, CaseContact, Leave

CONTACT_KINDS = [kind for kind, _label in CaseContact.Kind.choices]


def leave_demo(world: Any) -> None:
    today = timezone.localdate()
    rng = world.rng
    approved = 0
    for key in ("lille_nord", "lille_sud"):
        team = world.teams[key]
        for leave in Leave.objects.filter(person__team=team).select_related("person"):
            try:
                services.leave_approve(leave=leave, by=SYSTEM)
                approved += 1
            except ValidationError:  # a case left uncovered: shown as such on the leave page
                pass
        # Next month, a colleague asks for a fortnight: the plan waits for the team's approval.
        guardians = [
            p
            for p in team.members.filter(is_active=True).order_by("last_name", "id")
            if p.profession != Profession.MANAGER and not Leave.objects.filter(person=p).exists()
        ]
        if guardians:
            services.leave_record(
                person=guardians[-1],
                starts_on=today + timedelta(days=30),
                ends_on=today + timedelta(days=43),
                by=SYSTEM,
            )
        cases = list(
            Case.objects.filter(core_team=team, status=Case.Status.OPEN).order_by("opened_on", "id")
        )
        for number, case in enumerate(cases):
            # The first wave was "allocated a while ago" (demo_steps): its cases are older.
            case.opened_on = today - timedelta(days=rng.randint(90, 400))
            Case.objects.filter(pk=case.pk).update(opened_on=case.opened_on)
            # Most children were seen in the last month; every tenth not for two months.
            days = rng.randint(50, 80) if number % 10 == 3 else rng.randint(1, 30)
            services.contact_record(
                case=case,
                happened_on=today - timedelta(days=days),
                kind=rng.choice(CONTACT_KINDS),
                by=SYSTEM,
            )
    world.log(f"casework: {approved} leaves approved with their cover, contacts recorded")
