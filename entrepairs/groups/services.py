"""Writes about groups that span several records. Views, the API, tasks and demo data call these.

Each service names the rule it enforces and its source (seeds 000, 003, 004 in ../shared/seeds).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entrepairs.core.french import clock, joined, long_date
from entrepairs.core.notifications import (
    Message,
    NotificationKind,
    When,
    msg,
    msg_plural,
    notify,
    resolve,
)
from entrepairs.core.services import service
from entrepairs.core.text import check_lengths, is_blank
from entrepairs.groups import notification_kinds as kinds
from entrepairs.organisations.models import Membership
from entrepairs.people.models import Person
from entrepairs.people.rules import is_served

from . import hierarchy, planning
from . import rules as group_rules
from .identifying import find_identifying
from .models import (
    Attendance,
    CalendarFeed,
    Charter,
    CoOwnershipRequest,
    Group,
    GroupMember,
    GroupSettings,
    Kind,
    Session,
    SessionNote,
    Situation,
    Technique,
)
from .models.groups import SITUATION_TEXT_MAX, SITUATION_TITLE_MAX
from .recurrence import Recurrence, occurrences
from .signals import session_held

# --- groups and members -----------------------------------------------------------------------


def _active_roles(person: Person | None, organisation_ids: set[Any]) -> set[str]:
    """The roles `person` holds, today, in any of `organisation_ids` (memberships, not a viewer:
    the same answer for a page, an API token, a command or a task)."""
    if person is None or not person.is_active or not organisation_ids:
        return set()
    return set(
        Membership.objects.active()
        .filter(person=person, organisation_id__in=organisation_ids)
        .values_list("role", flat=True)
    )


def _manages(person: Person | None, organisation_id: Any) -> bool:
    return group_rules.manages_with(_active_roles(person, {organisation_id}))


def _check_sets_up(*, organisation: Any, kind: str, created_by: Person | None) -> None:
    """Anyone of the organisation may start a peer-support group (seed 000); the other kinds are set
    up by a coordinator or a facilitator of the organisation (rules.can_add_group says the same for
    the viewer)."""
    roles = _active_roles(created_by, {organisation.pk})
    if not roles:
        raise ValidationError(
            {"organisation": _("Only a person of the organisation sets up a group in it.")}
        )
    if kind != Kind.PEER_SUPPORT and not group_rules.runs_with(roles):
        raise ValidationError(
            {
                "kind": _(
                    "Only a coordinator or a facilitator of the organisation sets up this kind of group."
                )
            }
        )


def _people_in(group: Group) -> set[Any]:
    """Members (active or waiting) and facilitators: everyone who sits in the group."""
    members = set(
        group.members.exclude(status=GroupMember.Status.LEFT).values_list("person_id", flat=True)
    )
    return members | group.facilitator_ids() if group.pk else members


def check_may_sit(person: Person, *, field: str) -> None:
    """Who may sit in a group at all, as a member or a facilitator, whatever the path (page, API,
    composition, command): an active person (a deactivated one was accepted: outside test), and
    staff only, never someone the organisations serve — a youth, a guardian or foster family, a
    child of casework (the people rule `is_served`, the same as everywhere)."""
    if not person.is_active:
        raise ValidationError(
            {
                field: _("%(name)s is deactivated in their organisation: choose an active person.")
                % {"name": person}
            }
        )
    if is_served(person):
        raise ValidationError({field: not_staff_message(person)})


def direct_colleagues(people: list[Person]) -> list[list[Person]]:
    """The people of one core team among `people`, team by team where two or more share one."""
    by_team: dict[Any, list[Person]] = {}
    for person in people:
        if person.team_id:
            by_team.setdefault(person.team_id, []).append(person)
    return [ps for ps in by_team.values() if len(ps) > 1]


def colleagues_message(people: list[Person]) -> str:
    """ "X, Y are direct colleagues of the core team T.": the same sentence on every path."""
    return _("%(names)s are direct colleagues of the core team %(team)s.") % {
        "names": joined(sorted(map(str, people))),
        "team": people[0].team,
    }


def check_colleagues_apart(group: Group, *, newcomers: list[Person], field: str) -> None:
    """A group for questions hard to raise at work never gathers two direct colleagues of one
    core team among its participants, whatever the path (adding a member, marking the group,
    confirming a composition; outside test: only the composition tool refused). `newcomers` are
    checked against the group's participants and each other."""
    if not group.hard_questions:
        return
    ids = {p.pk for p in newcomers}
    seated = list(
        Person.objects.filter(
            pk__in=group.members.exclude(status=GroupMember.Status.LEFT).values("person_id")
        )
        .exclude(pk__in=ids)
        .select_related("team")
    )
    crowded = [
        ps for ps in direct_colleagues([*newcomers, *seated]) if any(p.pk in ids for p in ps)
    ]
    if crowded:
        raise ValidationError(
            {
                field: [
                    _(
                        "%(colleagues)s A group for questions hard to raise at work keeps them "
                        "apart."
                    )
                    % {"colleagues": colleagues_message(ps)}
                    for ps in crowded
                ]
            }
        )


def not_staff_message(person: Person) -> str:
    """Why a person served never sits in a group, naming them: the same sentence wherever they
    are proposed (member, facilitator, composition candidate; outside test: a youth posted as a
    candidate got "not in your organisations")."""
    return _(
        "%(name)s is served by the organisation (a youth, a foster family, a child), not one of "
        "its staff: groups are for professionals, so they can be neither a candidate nor a member "
        "of one."
    ) % {"name": person}


def check_facilitators(
    *,
    facilitators: list[Person],
    organisation_ids: set[Any],
    kind: str,
    hard_questions: bool,
    created_by: Person | None,
    current: set[Any],
    members: set[Any],
) -> None:
    """Who may lead a group, whatever the channel (seeds 000, 003; PRODUCT.md §2):

    - at least one facilitator;
    - each one holds the facilitator role in one of the group's organisations (co-owners count
      once they accepted), or already leads it; a peer-support group is led by any person of its
      organisations (seed 000: "animé à tour de rôle"). Setting a group up gives no right to
      lead it: a coordinator who names herself facilitator of the supervision group she creates
      would read what its members confide (security review; `group_update` refuses the same);
    - a facilitator is never also a participant;
    - nobody leads a group where someone of their line-management chain sits, or who sits in it
      above them, nor with a co-facilitator of their chain, unless the group allows the hierarchy
      (groups.hierarchy, issue 13: the refusal names the pair and the level).
    """
    if not facilitators:
        raise ValidationError({"facilitators": _("A group needs at least one facilitator.")})
    ids = {p.pk for p in facilitators}
    for person in facilitators:
        if person.pk not in current:  # one already leading stays until replaced
            check_may_sit(person, field="facilitators")
    if ids & members:
        raise ValidationError({"facilitators": _("A facilitator cannot also be a participant.")})
    for person in facilitators:
        if person.pk in current:
            continue
        roles = _active_roles(person, organisation_ids)
        eligible = group_rules.facilitates_with(roles) or (
            bool(roles) and kind == Kind.PEER_SUPPORT
        )
        if not eligible:
            # The true reason, naming the person (outside test: the API said "unknown, or
            # outside your organisations" of a person of the organisation).
            reason = (
                _(
                    "%(name)s is not one of the people of the group's organisations: a "
                    "peer-support group is led by one of them."
                )
                if kind == Kind.PEER_SUPPORT
                else _(
                    "%(name)s holds no facilitator role in the group's organisations. Only a "
                    "facilitator of one of the group's organisations can lead it."
                )
            )
            raise ValidationError({"facilitators": reason % {"name": person}})
    # Facilitators newly named against everyone seated and against each other (two facilitators
    # of one chain). Only a pair the edit creates is refused: a breach a line-manager change made
    # in the group stays listed to the coordinator (hierarchy.breaches) and does not block an
    # unrelated edit of its name or description (outside test: PATCH of the description
    # refused under `facilitators`, a field not sent).
    clash = hierarchy.first_clash(
        kind=kind, hard_questions=hard_questions, newcomers=ids - current, others=members | ids
    )
    if clash is not None:
        raise ValidationError({"facilitators": clash.message})


@service
@transaction.atomic
def group_create(
    *,
    organisation: Any,
    name: str,
    kind: str,
    facilitators: list[Person],
    created_by: Person | None,
    organisations: list[Any] | None = None,
    description: str = "",
    hard_questions: bool = False,
) -> Group:
    """Create a group and its charter. Any professional may start a peer-support group and lead it
    (seed 000: "créer un groupe avec des collègues"); the other kinds are set up by a coordinator or
    a facilitator of the organisation. Groups may gather several organisations (seed 003: "inter
    entreprise"), each only once it agrees: the other organisations get a co-ownership request
    (issue 10), accepted at once only where the creator coordinates that organisation too."""
    _check_sets_up(organisation=organisation, kind=kind, created_by=created_by)
    if not facilitators:
        facilitators = [created_by] if created_by is not None else []
    check_facilitators(
        facilitators=facilitators,
        organisation_ids={organisation.pk},
        kind=kind,
        hard_questions=hard_questions,
        created_by=created_by,
        current=set(),
        members=set(),
    )
    group = Group(
        organisation=organisation,
        name=name,
        kind=kind,
        description=description,
        hard_questions=hard_questions,
        created_by=created_by,
    )
    group.full_clean()
    group.save()
    group.facilitators.set(facilitators)
    group.organisations.set([organisation.pk])
    Charter.objects.create(group=group)
    for other in {o.pk: o for o in organisations or []}.values():
        if other.pk != organisation.pk:
            _request_co_ownership(group=group, organisation=other, by=created_by)
    return group


@service
@transaction.atomic
def group_update(
    *,
    group: Group,
    name: str,
    description: str,
    hard_questions: bool,
    facilitators: list[Person],
    by: Person | None,
) -> Group:
    """Name, purpose and facilitators; the kind and organisations stay as created. Changing the
    facilitators opens the group's confidential content to them: `check_facilitators` applies,
    and nobody names themselves (a coordinator would otherwise open the content to herself;
    PRODUCT.md §2: coordinators outside the group never see it). `by` None is the command line."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if by is not None and by.pk in {p.pk for p in facilitators} - group.facilitator_ids():
        raise ValidationError({"facilitators": SELF_FACILITATOR_MESSAGE})
    members = set(
        group.members.exclude(status=GroupMember.Status.LEFT).values_list("person_id", flat=True)
    )
    if hard_questions and not group.hard_questions:
        # Marking the group takes the hierarchy out of it whatever its kind: refused while two
        # people of one chain sit in it, naming them.
        links = hierarchy.links_within(members | {p.pk for p in facilitators})
        if links:
            raise ValidationError({"hard_questions": links[0].message})
    check_facilitators(
        facilitators=facilitators,
        organisation_ids=group.organisation_ids(),
        kind=group.kind,
        hard_questions=hard_questions,
        created_by=group.created_by,
        current=group.facilitator_ids(),
        members=members,
    )
    if hard_questions and not group.hard_questions:
        group.hard_questions = True
        participants = list(
            Person.objects.filter(
                pk__in=group.members.exclude(status=GroupMember.Status.LEFT).values("person_id")
            ).select_related("team")
        )
        check_colleagues_apart(group, newcomers=participants, field="hard_questions")
    group.name, group.description, group.hard_questions = name, description, hard_questions
    group.full_clean()
    group.save()
    group.facilitators.set(facilitators)
    return group


SELF_FACILITATOR_MESSAGE = gettext_lazy(
    "You cannot name yourself facilitator of a group: another coordinator does it."
)
SELF_MEMBER_MESSAGE = gettext_lazy(
    "You cannot add yourself to a group: its facilitator or another coordinator does it."
)


# --- co-ownership with another organisation (its agreement first) ------------------------------


def _coordinators_of(organisation_id: Any) -> Any:
    return Person.objects.filter(
        group_rules.coordinators_q(organisation_id),
        is_active=True,
        user__isnull=False,
    ).distinct()


@service
@transaction.atomic
def co_ownership_request(
    *, group: Group, organisation: Any, by: Person | None
) -> CoOwnershipRequest:
    """Ask another organisation to co-own the group (seed 003: inter-organisation groups). Nothing
    of that organisation is enrolled before one of its coordinators accepts (issue 10:
    cross-organisation consent). A requester who coordinates both organisations agrees for both."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if by is None or not (by.pk in group.facilitator_ids() or _manages(by, group.organisation_id)):
        raise ValidationError(
            _(
                "Only a facilitator of the group or a coordinator of its organisation asks "
                "another organisation to co-own it."
            )
        )
    return _request_co_ownership(group=group, organisation=organisation, by=by)


def _request_co_ownership(
    *, group: Group, organisation: Any, by: Person | None
) -> CoOwnershipRequest:
    if group.status == Group.Status.ENDED:
        raise ValidationError(_("This group has ended."))
    if organisation.pk in group.organisation_ids():
        raise ValidationError({"organisation": _("This organisation already co-owns the group.")})
    if CoOwnershipRequest.objects.filter(
        group=group, organisation=organisation, status=CoOwnershipRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            {"organisation": _("A request to this organisation is already waiting.")}
        )
    request = CoOwnershipRequest.objects.create(
        group=group, organisation=organisation, requested_by=by
    )
    if by is not None and _manages(by, organisation.pk):
        return _co_ownership_decide(request=request, by=by, accept=True)
    link = reverse("groups:co_ownership")
    for coordinator in _coordinators_of(organisation.pk).select_related("user"):
        notify(
            kind=kinds.CO_OWNERSHIP,
            recipient=coordinator.user,
            organisation=organisation.pk,
            subject=msg("A group asks your organisation to co-own it"),
            title=msg(
                "%(org)s asks your organisation to co-own one of its groups", org=group.organisation
            ),
            body=msg(
                "%(org)s asks your organisation to co-own one of its groups.",
                org=group.organisation,
            ),
            link=link,
            about=request,
        )
    return request


def _co_ownership_decide(
    *, request: CoOwnershipRequest, by: Person, accept: bool
) -> CoOwnershipRequest:
    request.status = (
        CoOwnershipRequest.Status.ACCEPTED if accept else CoOwnershipRequest.Status.DECLINED
    )
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    # Answered: the invited organisation's coordinators are asked no more (issue 15).
    resolve(kind=kinds.CO_OWNERSHIP, about=request)
    if accept:
        request.group.organisations.add(request.organisation)
    return request


def _decide(*, request: CoOwnershipRequest, by: Person | None, accept: bool) -> CoOwnershipRequest:
    request = (
        CoOwnershipRequest.objects.select_for_update(of=("self",))
        .select_related("group")
        .get(pk=request.pk)
    )
    if by is None or not _manages(by, request.organisation_id):
        raise ValidationError(
            _("Only a coordinator of the invited organisation accepts or declines.")
        )
    if request.status != CoOwnershipRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered."))
    return _co_ownership_decide(request=request, by=by, accept=accept)


@service
@transaction.atomic
def co_ownership_accept(*, request: CoOwnershipRequest, by: Person | None) -> CoOwnershipRequest:
    """A coordinator of the invited organisation agrees: it co-owns the group from now on, and its
    people may be enrolled (issue 10)."""
    return _decide(request=request, by=by, accept=True)


@service
@transaction.atomic
def co_ownership_decline(*, request: CoOwnershipRequest, by: Person | None) -> CoOwnershipRequest:
    """A coordinator of the invited organisation refuses: nothing changes for the group."""
    return _decide(request=request, by=by, accept=False)


def _size_message(group: Group) -> str:
    low, high = group.size_limits
    return _("A %(kind)s has %(low)s to %(high)s participants.") % {
        "kind": group.get_kind_display().lower(),
        "low": low,
        "high": high,
    }


@service
@transaction.atomic
def member_add(*, group: Group, person: Person, by: Person | None) -> GroupMember:
    """Add a participant. Up to the kind's maximum (seed 003: 6 to 12). After the founding session
    the group is closed: a late joiner waits for a facilitator's approval (seed 003). Nobody joins
    a group where someone of their line-management chain sits (groups.hierarchy)."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if group.status == Group.Status.ENDED:
        raise ValidationError(_("This group has ended."))
    check_may_sit(person, field="person")
    if by is not None and by.pk == person.pk:
        # A member who accepted the charter reads the content: a coordinator never opens it
        # to herself (same rule as group_update's facilitators).
        raise ValidationError({"person": SELF_MEMBER_MESSAGE})
    if person.pk in group.facilitator_ids():
        raise ValidationError({"person": _("A facilitator cannot also be a participant.")})
    existing = GroupMember.objects.filter(group=group, person=person).first()
    if existing is not None and existing.status != GroupMember.Status.LEFT:
        raise ValidationError(
            {"person": _("%(name)s is already in this group.") % {"name": person}}
        )
    if person.organisation_id not in group.organisation_ids():
        raise ValidationError(
            {"person": _("This person's organisation is not one of the group's organisations.")}
        )
    check_may_sit(person, field="person")
    clash = hierarchy.first_clash(
        kind=group.kind,
        hard_questions=group.hard_questions,
        newcomers={person.pk},
        others=_people_in(group) - {person.pk},
    )
    if clash is not None:
        raise ValidationError({"person": clash.message})
    check_colleagues_apart(group, newcomers=[person], field="person")
    by_facilitator = by is not None and by.pk in group.facilitator_ids()
    status = (
        GroupMember.Status.PENDING
        if group.membership_closed and not by_facilitator
        else GroupMember.Status.ACTIVE
    )
    if status == GroupMember.Status.ACTIVE:
        _check_room_for_one_more(group)
    member = existing or GroupMember(group=group, person=person)
    member.status = status
    member.charter_accepted_at = None
    member.charter_version = None
    member.approved_by = by if (by_facilitator and group.membership_closed) else None
    member.save()
    return member


def _check_room_for_one_more(group: Group) -> None:
    low, high = group.size_limits
    if group.active_members().count() >= high:
        raise ValidationError(
            {
                "person": _("This group already has %(n)s participants, the maximum. ")
                % {"n": high}
                + _size_message(group)
            }
        )


@service
@transaction.atomic
def member_approve(*, member: GroupMember, by: Person) -> GroupMember:
    """A facilitator lets a late joiner into a closed group (seed 003: fixed membership)."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=member.group_id)
    if by.pk not in group.facilitator_ids():
        raise ValidationError(_("Only a facilitator of the group approves a late joiner."))
    if member.status != GroupMember.Status.PENDING:
        raise ValidationError(_("This person is not waiting for approval."))
    _check_room_for_one_more(group)
    member.status = GroupMember.Status.ACTIVE
    member.approved_by = by
    member.save(update_fields=["status", "approved_by", "updated_at"])
    return member


@service
@transaction.atomic
def member_remove(*, member: GroupMember) -> None:
    """A member leaves; their attendance history stays (certificates), their access ends."""
    if member.attendance.exists() or member.situations.exists():
        member.status = GroupMember.Status.LEFT
        member.save(update_fields=["status", "updated_at"])
    else:
        member.delete()


# --- charter and founding ----------------------------------------------------------------------


@service
@transaction.atomic
def charter_update(*, group: Group, own_rules: str) -> Charter:
    """Changing the charter bumps its version and asks every member to accept it again (issue 13
    §7): until then they neither read nor bring situations (rules.reads_content). Each active
    member is told in the app and by e-mail: a short subject and a link, never the rules' text."""
    # Capped like every free text (outside test: 20,000 characters were taken).
    check_lengths(own_rules=own_rules)
    charter = Charter.objects.select_for_update(of=("self",)).get(group=group)
    if charter.own_rules.strip() == own_rules.strip():
        return charter
    charter.own_rules = own_rules
    charter.version += 1
    charter.changed_at = timezone.now()
    charter.save()
    # `charter_version` keeps the version each member last accepted: the page tells "the charter
    # changed" only to them, never to someone who accepted none.
    group.members.update(charter_accepted_at=None)
    link = reverse("groups:charter", args=[group.pk])
    for member in group.active_members().select_related("person__user"):
        if member.person.user is None:
            continue
        notify(
            kind=kinds.CHARTER_CHANGED,
            recipient=member.person.user,
            organisation=group.organisation_id,
            subject=msg("Your group's charter changed"),
            title=msg("The charter of %(group)s changed", group=group.name),
            body=msg(
                "The charter of %(group)s changed: accept it again to read and bring situations.",
                group=group.name,
            ),
            link=link,
            about=member,
        )
    return charter


@service
@transaction.atomic
def charter_accept(*, member: GroupMember) -> GroupMember:
    """Each member accepts the charter in the app (seed 003: the founding session sets the rules
    of confidentiality, benevolence, non-judgement, right to error)."""
    if member.status != GroupMember.Status.ACTIVE:
        raise ValidationError(_("Only an active member accepts the charter."))
    charter = Charter.objects.get(group_id=member.group_id)
    member.charter_accepted_at = timezone.now()
    member.charter_version = charter.version
    member.save(update_fields=["charter_accepted_at", "charter_version", "updated_at"])
    resolve(kind=kinds.CHARTER_CHANGED, about=member)
    return member


@service
@transaction.atomic
def group_found(*, group: Group, by: Person) -> Group:
    """Close the group's membership after its founding session (seed 003: "une première séance
    fondatrice a pour objectif de constituer le groupe"). Needs the kind's minimum size."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if group.status != Group.Status.DRAFT:
        raise ValidationError(_("This group is already founded."))
    low, high = group.size_limits
    count = group.active_members().count()
    if count < low:
        raise ValidationError(
            ngettext(
                "The group has only %(n)s participant: it cannot start below %(low)s. ",
                "The group has only %(n)s participants: it cannot start below %(low)s. ",
                count,
            )
            % {"n": count, "low": low}
            + _size_message(group)
        )
    founding = (
        group.sessions.filter(is_founding=True).exclude(status=Session.Status.CANCELLED).first()
    )
    if founding is None:
        # Seed 003: the group is constituted at its founding session, the first one.
        raise ValidationError(
            _("Plan the founding session first: a group is founded at its first session.")
        )
    if founding is not None and founding.status == Session.Status.PLANNED:
        if founding.starts_at > timezone.now():
            raise ValidationError(_("The founding session has not taken place yet."))
        founding.status = Session.Status.HELD
        founding.save(update_fields=["status", "updated_at"])
        session_held.send(sender=Session, session=founding)
    group.status = Group.Status.FOUNDED
    group.save(update_fields=["status", "updated_at"])
    return group


# --- planning -----------------------------------------------------------------------------------


def _overlaps(
    *, group: Group, slots: list[tuple[datetime, datetime]], site: Any, room: str, exclude: Any
) -> list[str]:
    """Clashes with other sessions of the same facilitator(s) or in the same room."""
    if not slots:
        return []
    low = min(s for s, _e in slots)
    high = max(e for _s, e in slots)
    clash = Q(group__facilitators__in=list(group.facilitator_ids()))
    if site is not None and room:
        clash |= Q(site=site, room__iexact=room)
    others = list(
        Session.objects.exclude(status=Session.Status.CANCELLED)
        .exclude(pk__in=exclude or [])
        .filter(starts_at__lt=high, ends_at__gt=low)
        .filter(clash)
        .distinct()
        .values("starts_at", "ends_at", "site_id", "room", "group_id")
    )
    problems = []
    for start, end in slots:
        for other in others:
            if other["starts_at"] < end and start < other["ends_at"]:
                when = f"{long_date(start)} {clock(start)}"
                if (
                    other["site_id"] == getattr(site, "pk", None)
                    and room
                    and (other["room"].lower() == room.lower())
                ):
                    problems.append(_("%(when)s: the room is already booked.") % {"when": when})
                else:
                    problems.append(
                        _("%(when)s: a facilitator already has a session then.") % {"when": when}
                    )
                break
    return problems


def plan_preview(
    *, group: Group, recurrence: Recurrence
) -> tuple[list[date], list[tuple[date, str]]]:
    """The dates a recurrence gives, minus public holidays and the organisation's closures."""
    settings = GroupSettings.for_organisation(group.organisation_id)
    closures = list(group.organisation.closures.values_list("starts_on", "ends_on", "label"))
    return occurrences(recurrence, holiday_region=settings.holiday_region, closures=closures)


def plan_check(
    *,
    group: Group,
    recurrence: Recurrence,
    site: Any = None,
    room: str = "",
    offsite_address: str = "",
) -> tuple[list[date], list[tuple[date, str]], list[tuple[datetime, datetime]]]:
    """Every rule a series must meet, for the real run and the dry run alike (issue 13, outside
    test: the dry run showed no refusal where the real run refused): at least one session, none
    in the past, a place, at most 24 a programme year counted across every series and single
    session (planning.check_year_counts), no overlap. A series may be short: the year, not the
    series, holds 6 to 24, and a year left under 6 is a warning (selectors.short_year_warnings).
    Public holidays and closures are skipped, not refused. Raises the refusal; returns the
    dates, the skipped days and the slots."""
    dates, skipped = plan_preview(group=group, recurrence=recurrence)
    if not dates:
        raise ValidationError(
            _(
                "This recurrence gives no session: check its first day, its last day and its "
                "rhythm (public holidays and closures are skipped)."
            )
        )
    slots = [recurrence.slot(d) for d in dates]
    if slots[0][0] < timezone.now():
        raise ValidationError(_("A session cannot be planned in the past."))
    if not offsite_address and site is None:
        raise ValidationError(_("Choose a site and a room, or give an off-site address."))
    planning.check_year_counts(group=group, adding=[start for start, _end in slots], field=None)
    problems = _overlaps(group=group, slots=slots, site=site, room=room, exclude=None)
    if problems:
        raise ValidationError(problems)
    return dates, skipped, slots


@service
@transaction.atomic
def plan_year(
    *,
    group: Group,
    recurrence: Recurrence,
    site: Any = None,
    room: str = "",
    offsite_address: str = "",
) -> list[Session]:
    """Generate a series (seed 003: "planifiées à l'année (de 6 à 24 par an)", half-days,
    "dans une salle calme et isolée" or off site), skipping public holidays and closures, once
    `plan_check` (the dry run's checks too) passes. The first session by date is the founding
    session; numbers follow the dates (planning.renumber)."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    _dates, _skipped, slots = plan_check(
        group=group,
        recurrence=recurrence,
        site=site,
        room=room,
        offsite_address=offsite_address,
    )
    sessions = [
        Session(
            group=group,
            starts_at=start,
            ends_at=end,
            site=site if not offsite_address else None,
            room=room if not offsite_address else "",
            offsite_address=offsite_address,
        )
        for start, end in slots
    ]
    Session.objects.bulk_create(sessions)
    planning.renumber(group)
    _tell_members(
        kind=kinds.SESSIONS_CHANGED,
        group=group,
        subject=msg("Sessions of your group are planned"),
        title=msg_plural(
            "%(group)s: %(n)s session planned",
            "%(group)s: %(n)s sessions planned",
            len(sessions),
            n=len(sessions),
            group=group.name,
        ),
        body=msg_plural(
            "%(n)s session of %(group)s was planned. Your calendar feed shows it.",
            "%(n)s sessions of %(group)s were planned. Your calendar feed shows them.",
            len(sessions),
            n=len(sessions),
            group=group.name,
        ),
    )
    return list(Session.objects.filter(pk__in=[s.pk for s in sessions]).order_by("starts_at"))


MAX_SESSION = timedelta(hours=8)


def _check_slot(*, group: Group, starts_at: datetime, ends_at: datetime) -> None:
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("A session cannot be planned in the past.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session ends after it starts.")})
    if ends_at - starts_at > MAX_SESSION:
        # The form's limit (8 hours), for every channel (outside test: the API took 2099).
        raise ValidationError({"ends_at": _("A session lasts at most 8 hours.")})
    if group.status == Group.Status.ENDED:
        raise ValidationError(_("This group has ended."))


def _check_one_session(
    *,
    group: Group,
    starts_at: datetime,
    ends_at: datetime,
    site: Any,
    room: str,
    offsite_address: str,
    confirm_holiday: bool,
    holiday_reason: str,
    moving: Session | None,
) -> str:
    """The rules of one session added or moved (the slot, the place, its programme year, a
    holiday or closure day only with a reason that names nobody, no overlap). Returns the
    holiday reason to keep."""
    _check_slot(group=group, starts_at=starts_at, ends_at=ends_at)
    if not offsite_address and site is None:
        raise ValidationError(_("Choose a site and a room, or give an off-site address."))
    excluding = [moving.pk] if moving is not None else []
    planning.check_year_counts(group=group, adding=[starts_at], excluding=excluding)
    reason = planning.check_day_off(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        confirmed=confirm_holiday,
        reason=holiday_reason,
    )
    refuse_identifying(group, holiday_reason=reason)
    problems = _overlaps(
        group=group,
        slots=[(starts_at, ends_at)],
        site=site,
        room=room,
        exclude=excluding or None,
    )
    if problems:
        raise ValidationError(problems)
    return reason


@service
@transaction.atomic
def session_add(
    *,
    group: Group,
    starts_at: datetime,
    ends_at: datetime,
    site: Any = None,
    room: str = "",
    offsite_address: str = "",
    confirm_holiday: bool = False,
    holiday_reason: str = "",
) -> Session:
    """One session outside any series (issue 13 §3): it counts in its programme year like the
    others (at most 24), lands on a public holiday or a closure day only with the facilitator's
    reason, and takes its number and founding role from its date. Members are told."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    reason = _check_one_session(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        site=site,
        room=room,
        offsite_address=offsite_address,
        confirm_holiday=confirm_holiday,
        holiday_reason=holiday_reason,
        moving=None,
    )
    session = Session(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        site=None if offsite_address else site,
        room="" if offsite_address else room,
        offsite_address=offsite_address,
        holiday_reason=reason,
    )
    session.full_clean()
    session.save()
    planning.renumber(group)
    session.refresh_from_db()
    _tell_members(
        kind=kinds.SESSIONS_CHANGED,
        group=group,
        subject=msg("A group session was added"),
        title=msg(
            "%(group)s: a session added on %(when)s", group=group.name, when=_when(starts_at)
        ),
        body=msg(
            "A session of %(group)s is planned on %(when)s, %(place)s.",
            group=group.name,
            when=_when(starts_at),
            place=session.place,
        ),
    )
    return session


def _when(moment: datetime) -> When:
    """A date and time as the reader writes them ("1er mai 2027 à 14 h 00"), worded when the
    notification is read (core.notifications)."""
    return When(moment)


def _tell_members(
    *,
    group: Group,
    kind: NotificationKind,
    subject: Message,
    body: Message,
    title: Message | str = "",
) -> None:
    """Notifications carry dates and places only, never what is said in the group; the in-app
    `title` names the group."""
    people = Person.objects.filter(
        Q(group_memberships__group=group, group_memberships__status=GroupMember.Status.ACTIVE)
        | Q(facilitated_groups=group),
        user__isnull=False,
    ).select_related("user")
    link = reverse("groups:detail", args=[group.pk])
    for person in {p.pk: p for p in people}.values():
        notify(
            recipient=person.user,
            kind=kind,
            organisation=group.organisation_id,
            subject=subject,
            body=body,
            title=title,
            link=link,
        )


def _minutes(*moments: datetime) -> tuple[datetime, ...]:
    return tuple(m.replace(second=0, microsecond=0) for m in moments)


@service
@transaction.atomic
def session_move(
    *,
    session: Session,
    starts_at: datetime,
    ends_at: datetime,
    site: Any = None,
    room: str = "",
    offsite_address: str = "",
    confirm_holiday: bool = False,
    holiday_reason: str = "",
) -> Session:
    """Move one session; members are told when its date, time or place really changes (seed 004:
    "son encadrement doit prendre les dispositions": everyone must know in advance), never for a
    save that changes nothing. Moved into another programme year it counts
    there (at most 24); onto a public holiday or a closure day only with a reason (issue 13 §3)."""
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("group").get(pk=session.pk)
    )
    group = Group.objects.select_for_update(of=("self",)).get(pk=session.group_id)
    if session.status != Session.Status.PLANNED:
        raise ValidationError(_("Only a planned session can be moved."))
    place = (
        (None, "", offsite_address) if offsite_address else (getattr(site, "pk", site), room, "")
    )
    # To the minute: the page writes hours and minutes, a session made elsewhere may carry seconds.
    moved = (
        _minutes(session.starts_at, session.ends_at) != _minutes(starts_at, ends_at)
        or (
            session.site_id,
            session.room,
            session.offsite_address,
        )
        != place
    )
    if not moved and (holiday_reason or "").strip() == session.holiday_reason:
        # A save or a PATCH that changes nothing writes nothing and tells nobody (outside test:
        # members received "séance déplacée" for an unchanged session).
        session.members_told = False
        return session
    reason = _check_one_session(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        site=site,
        room=room,
        offsite_address=offsite_address,
        confirm_holiday=confirm_holiday,
        holiday_reason=holiday_reason,
        moving=session,
    )
    before = session.starts_at
    if session.moved_from is None and before != starts_at:
        session.moved_from = before
    session.starts_at, session.ends_at = starts_at, ends_at
    session.site = None if offsite_address else site
    session.room = "" if offsite_address else room
    session.offsite_address = offsite_address
    session.holiday_reason = reason
    session.full_clean()
    session.save()
    planning.renumber(group)
    session.refresh_from_db()
    session.members_told = moved
    if not moved:
        return session  # only the holiday reason changed: nothing for members to act on
    _tell_members(
        kind=kinds.SESSIONS_CHANGED,
        group=group,
        subject=msg("A group session was moved"),
        title=msg(
            "%(group)s: the session of %(old)s is moved", group=group.name, old=_when(before)
        ),
        body=msg(
            "The session of %(group)s on %(old)s is moved to %(new)s, %(place)s.",
            group=group.name,
            old=_when(before),
            new=_when(starts_at),
            place=session.place,
        ),
    )
    return session


@service
@transaction.atomic
def session_cancel(*, session: Session, reason: str) -> Session:
    """Cancel a planned session with a reason (issue 13 §7), sent to members and facilitators in
    the app and by e-mail: the facilitator's short text, never in the e-mail's subject. It no
    longer counts in its programme year; the numbers and the founding session follow."""
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("group").get(pk=session.pk)
    )
    if session.status != Session.Status.PLANNED:
        raise ValidationError(_("Only a planned session can be cancelled."))
    if is_blank(reason):
        raise ValidationError({"reason": _("Give the reason: members and facilitators read it.")})
    reason = reason.strip()
    refuse_identifying(session.group, reason=reason)
    if len(reason) > CANCEL_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(n)s characters.") % {"n": CANCEL_REASON_LENGTH}}
        )
    session.status = Session.Status.CANCELLED
    session.cancel_reason = reason
    session.save(update_fields=["status", "cancel_reason", "updated_at"])
    planning.renumber(session.group)
    session.refresh_from_db()
    _tell_members(
        kind=kinds.SESSIONS_CHANGED,
        group=session.group,
        subject=msg("A group session was cancelled"),
        title=msg(
            "%(group)s: the session of %(when)s is cancelled",
            group=session.group.name,
            when=_when(session.starts_at),
        ),
        body=msg(
            "The session of %(group)s on %(when)s is cancelled. Reason: %(reason)s",
            group=session.group.name,
            when=_when(session.starts_at),
            reason=reason,
        ),
    )
    return session


CANCEL_REASON_LENGTH = 300


@service
@transaction.atomic
def group_set_programme_year(*, group: Group, start_month: int | None) -> Group:
    """The group's own programme year (issue 13 §3: "the group's own year ... configurable"); None
    goes back to its organisation's. Its years must still hold at most 24 sessions each."""
    group = Group.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if start_month is not None and not 1 <= int(start_month) <= 12:
        raise ValidationError({"start_month": _("Choose a month.")})
    month = int(start_month) if start_month else None
    effective = (
        month or GroupSettings.for_organisation(group.organisation_id).programme_year_start_month
    )
    starts = list(
        group.sessions.exclude(status=Session.Status.CANCELLED).values_list("starts_at", flat=True)
    )
    try:
        planning.check_year_counts(
            group=group,
            adding=starts,
            excluding=[s.pk for s in group.sessions.all()],
            start_month=effective,
        )
    except ValidationError as exc:
        raise ValidationError({"start_month": exc.messages}) from exc
    group.programme_year_start_month = month
    group.save(update_fields=["programme_year_start_month", "updated_at"])
    planning.renumber(group)
    return group


@service
@transaction.atomic
def groups_settings_save(*, settings: GroupSettings) -> GroupSettings:
    """Save an organisation's groups settings; its groups that follow its programme year are
    renumbered (numbers are per programme year)."""
    settings.full_clean()
    following = list(
        Group.objects.filter(
            organisation_id=settings.organisation_id, programme_year_start_month__isnull=True
        )
    )
    for group in following:
        # The 24-a-year maximum holds in the new years too (as for one group's own month).
        starts = list(
            group.sessions.exclude(status=Session.Status.CANCELLED).values_list(
                "starts_at", flat=True
            )
        )
        try:
            planning.check_year_counts(
                group=group,
                adding=starts,
                excluding=[s.pk for s in group.sessions.all()],
                start_month=settings.programme_year_start_month,
            )
        except ValidationError as exc:
            raise ValidationError(
                {
                    "programme_year_start_month": [
                        _("%(group)s:") % {"group": group.name},
                        *exc.messages,
                    ]
                }
            ) from exc
    settings.save()
    for group in following:
        planning.renumber(group)
    return settings


# --- situations, the round table, notes ---------------------------------------------------------


class IdentifyingDataWarning(ValidationError):
    def __init__(self, findings: dict[str, list[Any]]) -> None:
        self.findings = findings
        messages = {
            field: [
                _("This may identify someone (%(kind)s): “%(text)s”. Replace it with a pseudonym.")
                % {"kind": f.label, "text": f.text}
                for f in found
            ]
            for field, found in findings.items()
        }
        super().__init__(messages, code="identifying_data")


def known_names(group: Group) -> set[str]:
    """Names of people of the group's organisations: a word matching one is flagged."""
    names: set[str] = set()
    rows = Person.objects.filter(organisation_id__in=group.organisation_ids()).values_list(
        "first_name", "last_name"
    )
    for first, last in rows:
        names.update({first, last})
    return names


def refuse_identifying(group: Group, **texts: str) -> None:
    """A short text members read beside the session (why it was cancelled, why it is kept on a
    holiday) goes through the same check as situations, without the choice to keep it: it is
    never the place to name someone (outside test: a child's name and phone number in a
    cancellation reason reached members who had not accepted the charter)."""
    findings = situation_findings(group=group, texts=texts)
    if findings:
        raise IdentifyingDataWarning(findings)


def charter_first(group: Group) -> str:
    """Why a member may not bring a situation yet, and where to accept the charter (page and API
    say it, not a bare "permission denied")."""
    return _("Accept the group's charter first (it may have changed): %(url)s") % {
        "url": reverse("groups:charter", args=[group.pk])
    }


def check_situation_lengths(texts: dict[str, str]) -> None:
    """Refuse, next to each field, a text longer than a situation's (before any check runs)."""
    errors = {}
    for field, text in texts.items():
        most = SITUATION_TITLE_MAX if field == "title" else SITUATION_TEXT_MAX
        if len(text or "") > most:
            errors[field] = _("Keep this text under %(max)s characters (it has %(n)s).") % {
                "max": number_format(most, force_grouping=True),
                "n": number_format(len(text), force_grouping=True),
            }
    if errors:
        raise ValidationError(errors)


def situation_findings(*, group: Group, texts: dict[str, str]) -> dict[str, list[Any]]:
    check_situation_lengths(texts)
    names = known_names(group)
    return {
        field: found
        for field, text in texts.items()
        if (found := find_identifying(text or "", names))
    }


@service
@transaction.atomic
def situation_save(
    *,
    session: Session,
    author: GroupMember,
    title: str,
    episode: str,
    question: str,
    acknowledged: bool = False,
    situation: Situation | None = None,
    by: Person | None = None,
) -> Situation:
    """A member brings a situation from their practice (seed 004: "une situation professionnelle
    vécue"). Text that seems to identify people served is refused until pseudonymised or until the
    member confirms nobody can be identified. Only its author writes or edits it: a facilitator
    moderates by withdrawing (`situation_delete`), never by rewriting. A new situation without
    `by` is demo or test data; a change always names who makes it."""
    editing = situation is not None and (by is None or situation.author_id != author.pk)
    if editing or (by is not None and by.pk != author.person_id):
        raise ValidationError(_("Only its author writes or changes a situation."))
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled."))
    if author.group_id != session.group_id or author.status != GroupMember.Status.ACTIVE:
        raise ValidationError(_("Only an active member of the group brings a situation."))
    if not author.has_accepted_charter:
        raise ValidationError(charter_first(session.group))
    texts = {"title": title, "episode": episode, "question": question}
    check_situation_lengths(texts)
    for field, value in texts.items():
        if not (value or "").strip():
            raise ValidationError({field: _("This field is required.")})
    if not acknowledged:
        findings = situation_findings(group=session.group, texts=texts)
        if findings:
            raise IdentifyingDataWarning(findings)
    situation = situation or Situation(session=session, author=author)
    situation.title, situation.episode, situation.question = title, episode, question
    situation.save()
    return situation


@service
@transaction.atomic
def situation_delete(*, situation: Situation, by: Person | None) -> None:
    """Its author withdraws a situation; nothing of it is kept. A facilitator of the group may
    withdraw it too, as moderation of the frame (e.g. it names a child): the deletion is in the
    audit trail with the facilitator as actor (Situation is registered), and the author is told
    in the app, without any of its content (docs/groups.md)."""
    situation = (
        Situation.objects.select_for_update(of=("self",))
        .select_related("author__person__user", "session__group")
        .get(pk=situation.pk)
    )
    group = situation.session.group
    by_author = by is not None and by.pk == situation.author.person_id
    if by is None or (not by_author and by.pk not in group.facilitator_ids()):
        raise ValidationError(
            _("Only its author or a facilitator of the group withdraws a situation.")
        )
    when = situation.session.starts_at
    author = situation.author.person.user
    situation.delete()
    if by_author or author is None:
        return
    notify(
        kind=kinds.SITUATION_WITHDRAWN,
        recipient=author,
        organisation=group.organisation_id,
        subject=msg("A facilitator withdrew one of your situations"),
        title=msg(
            "%(facilitator)s withdrew one of your situations from %(group)s",
            facilitator=by,
            group=group.name,
        ),
        body=msg(
            "A facilitator of %(group)s withdrew the situation you brought to the session of "
            "%(when)s, to keep the group's frame. Ask them why at the next session.",
            group=group.name,
            when=timezone.localtime(when).date(),
        ),
        link=reverse("groups:detail", args=[group.pk]),
        email=False,
    )


@service
@transaction.atomic
def technique_create(
    *, organisation: Any, slug: str, name: str, description: str = "", by: Person | None
) -> Technique:
    """A technique of an organisation's own catalogue, added by one of its coordinators or
    facilitators (the shared catalogue has no organisation and comes from a migration)."""
    roles = _active_roles(by, {getattr(organisation, "pk", None)})
    if organisation is None or not group_rules.runs_with(roles):
        raise ValidationError(
            {
                "organisation": _(
                    "Add techniques to an organisation you coordinate or facilitate in."
                )
            }
        )
    technique = Technique(organisation=organisation, slug=slug, name=name, description=description)
    technique.full_clean()
    technique.save()
    return technique


@service
@transaction.atomic
def session_record(
    *,
    session: Session,
    speaking_order: list[Any] | None = None,
    techniques: list[Technique] | None = None,
    theory_input: str | None = None,
    worked_on: dict[Any, Technique | None] | None = None,
) -> Session:
    """The facilitator records the round table, the situations worked on with their technique
    and the theoretical input (seed 003: "tour de table", "séquence de coaching", "modèles
    théoriques")."""
    session = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled."))
    if speaking_order is not None:
        member_ids = {
            str(pk)
            for pk in GroupMember.objects.filter(
                group_id=session.group_id, status=GroupMember.Status.ACTIVE
            ).values_list("pk", flat=True)
        }
        order = [str(pk) for pk in speaking_order]
        if set(order) - member_ids or len(order) != len(set(order)):
            raise ValidationError(
                {"speaking_order": _("The round table lists each member of the group once.")}
            )
        session.speaking_order = order
    if theory_input is not None:
        session.theory_input = theory_input
    session.save()
    if techniques is not None:
        session.techniques.set(techniques)
    if worked_on is not None:
        situations = {str(s.pk): s for s in session.situations.all()}
        chosen = {str(k): v for k, v in worked_on.items()}
        if set(chosen) - set(situations):
            raise ValidationError({"worked_on": _("A situation of another session was chosen.")})
        for key, situation in situations.items():
            situation.worked_on = key in chosen
            situation.technique = chosen.get(key)
            situation.save(update_fields=["worked_on", "technique", "updated_at"])
    return session


@service
def note_add(*, session: Session, author: Person, text: str, shared: bool = False) -> SessionNote:
    if author.pk not in session.group.facilitator_ids():
        raise ValidationError(_("Only a facilitator of the group keeps session notes."))
    if not text.strip():
        raise ValidationError({"text": _("This field is required.")})
    return SessionNote.objects.create(
        session=session, author=author, text=text, shared_with_members=shared
    )


# --- attendance ----------------------------------------------------------------------------------


@service
def attendance_record(*, session: Session, marks: dict[Any, str], by: Person) -> list[Attendance]:
    """Record attendance (seed 004: members attend every session) and tell the line manager of a
    member whose absences reach the organisation's threshold (seed 004: "son encadrement doit
    prendre les dispositions pour garantir l'assiduité")."""
    if by.pk not in session.group.facilitator_ids():
        raise ValidationError(_("Only a facilitator of the group records attendance."))
    _refuse_absence_of_signers(session=session, marks=marks)
    rows = session.record_attendance(marks=marks, by=by)
    # Recorded: no facilitator is reminded any more to record it (issue 15).
    resolve(kind=kinds.ATTENDANCE_TO_RECORD, about=session)
    if session.status == Session.Status.HELD:
        session_held.send(sender=Session, session=session)  # seed 003: invoiced as they are held
    absent = [r.member_id for r in rows if r.status == Attendance.Status.ABSENT]
    if absent:
        transaction.on_commit(lambda: _absence_alerts(session=session, member_ids=absent))
    return rows


def _refuse_absence_of_signers(*, session: Session, marks: dict[Any, str]) -> None:
    """A member who signed the attendance sheet attended (signatures.py): never absent."""
    from .signatures import signed_member_ids

    away = [k for k, v in marks.items() if v != Attendance.Status.PRESENT]
    signed = signed_member_ids(session, away) if away else set()
    if signed:
        names = joined(
            str(m.person)
            for m in GroupMember.objects.filter(pk__in=signed).select_related("person")
        )
        raise ValidationError(
            _("%(names)s signed the attendance of this session: they cannot be marked absent.")
            % {"names": names}
        )


def _absence_alerts(*, session: Session, member_ids: list[Any]) -> None:
    threshold = GroupSettings.for_organisation(session.group.organisation_id).absence_threshold
    members = GroupMember.objects.filter(pk__in=member_ids).select_related(
        "person__line_manager__user"
    )
    for member in members:
        count = Attendance.objects.filter(member=member, status=Attendance.Status.ABSENT).count()
        manager = member.person.line_manager
        if count != threshold or manager is None or manager.user is None:
            continue
        notify(
            kind=kinds.ABSENCES,
            recipient=manager.user,
            organisation=member.person.organisation_id,
            subject=msg("Absences from group sessions"),
            title=msg(
                "Absences of %(name)s from %(group)s", name=member.person, group=session.group.name
            ),
            body=msg_plural(
                "%(name)s has missed %(n)s session of %(group)s without excuse.",
                "%(name)s has missed %(n)s sessions of %(group)s without excuse.",
                count,
                name=member.person,
                n=count,
                group=session.group.name,
            ),
            link=reverse("groups:staff"),
        )


# --- calendar feeds ------------------------------------------------------------------------------


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@service
@transaction.atomic
def calendar_feed_create(*, person: Person, scope: str) -> tuple[CalendarFeed, str]:
    """A personal iCalendar URL (seed 004: managers free their staff's time in advance). The
    previous feed of the same scope is revoked: one live URL per person and scope."""
    CalendarFeed.objects.filter(person=person, scope=scope, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(person=person, scope=scope, token_hash=hash_token(secret))
    return feed, secret


@service
def calendar_feed_revoke(*, feed: CalendarFeed) -> None:
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at", "updated_at"])
