"""Every write about organisations: settings, sites, teams, memberships and role requests.

Pages, the API and commands call these functions, so each rule (who may write, tenancy, unique
names, who may hold a role here) lives here once; `organisations/tests/test_write_parity.py`
proves the page and the API give the same answer.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.notifications import Message, msg, notify, resolve
from entrepairs.core.permissions import check, same_id
from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations import notification_kinds as kinds

from .models import MANAGING_ROLES, Membership, Organisation, Role, RoleRequest, Site, Team
from .signals import organisation_changing
from .viewer import viewer_for


def _require(by: Any, perm: str, obj: Any) -> None:
    """`by` may `perm` on `obj` (the rules of `organisations.rules`); SYSTEM is trusted code."""
    if by is not SYSTEM and not check(by, perm, obj):
        raise PermissionDenied


def _require_manages(by: Any, record: Any) -> None:
    """The writer manages the record's organisation, and the one it is stored in when it moves."""
    _require(by, "organisations.change_organisation", record.organisation)
    if record.pk is not None:
        stored = type(record).objects.filter(pk=record.pk).values_list("organisation_id").first()
        if stored is not None and stored[0] != record.organisation_id:
            _require(by, "organisations.change_organisation", Organisation(pk=stored[0]))


def _require_unique_name(record: Site | Team) -> None:
    """Names are unique per organisation whatever their case (the constraint is case-sensitive)."""
    record.name = (record.name or "").strip()
    clash = (
        type(record)
        .objects.filter(organisation_id=record.organisation_id, name__iexact=record.name)
        .exclude(pk=record.pk)
    )
    if clash.exists():
        raise ValidationError({"name": _("This name is already used in this organisation.")})


def is_self(by: Any, person: Any) -> bool:
    """`by` (an account) is `person`: the viewer's person, or the account linked to the person."""
    if by is SYSTEM or by is None or person is None:
        return False
    return same_id(person.pk, viewer_for(by).person_id) or same_id(
        getattr(person, "user_id", None), getattr(by, "pk", None)
    )


def refuse_own_role(*, person: Any, by: Any, field: str | None = "person") -> None:
    """Nobody gives a role to themselves nor widens their own: another coordinator of the
    organisation or the platform administrator does, a second pair of eyes on every role
    (security review, F7: a coordinator named herself facilitator, then facilitator of a
    confidential group). Ending or pausing one's own role is not refused: stepping down
    opens nothing. Every path that grants a role calls this (memberships, a person's roles,
    the import, role requests); SYSTEM is trusted code."""
    if is_self(by, person):
        message = _(
            "You cannot give yourself a role: another coordinator or the platform "
            "administrator does it."
        )
        raise ValidationError({field: message} if field else message)


@service
@transaction.atomic
def organisation_create(*, organisation: Organisation, by: Any) -> Organisation:
    """A new organisation: platform administrators only."""
    _require(by, "organisations.add_organisation", None)
    organisation.full_clean()
    organisation.save()
    return organisation


@service
@transaction.atomic
def organisation_update(*, organisation: Organisation, by: Any) -> Organisation:
    """An organisation's settings (name, kind, two-factor and session rules): its coordinators."""
    _require(by, "organisations.change_organisation", organisation)
    organisation.full_clean()
    organisation_changing.send(sender=Organisation, organisation=organisation)
    organisation.save()
    return organisation


@service
@transaction.atomic
def organisation_delete(*, organisation: Organisation, by: Any) -> None:
    _require(by, "organisations.delete_organisation", organisation)
    organisation.delete()


@service
@transaction.atomic
def site_save(*, site: Site, by: Any) -> Site:
    """Create or change a site of an organisation the writer manages; names unique there."""
    _require_manages(by, site)
    _require_unique_name(site)
    site.full_clean()
    site.save()
    return site


@service
@transaction.atomic
def site_delete(*, site: Site, by: Any) -> None:
    """Remove a site; its teams simply lose their site."""
    _require(by, "organisations.delete_site", site)
    site.delete()


@service
@transaction.atomic
def team_save(*, team: Team, by: Any) -> Team:
    """Create or change a team of an organisation the writer manages: its name unique there, its
    parent team and its site of the same organisation, never nested inside itself (`Team.clean`)."""
    _require_manages(by, team)
    _require_unique_name(team)
    team.full_clean()
    team.save()
    return team


@service
@transaction.atomic
def membership_save(*, membership: Membership, by: Any) -> Membership:
    """Give (or change) a role in an organisation the writer manages, to a person they may see.

    Someone whose home is another organisation gets a role here only by accepting a role request
    (`role_request_accept`); an existing such role may only be paused or resumed. Nobody gives
    themselves a role, changes one of their own or resumes it (`refuse_own_role`); pausing one's
    own role is stepping down, and allowed."""
    _require_manages(by, membership)
    person: Any = membership.person
    if by is not SYSTEM and not check(by, "people.view_person", person):
        raise ValidationError({"person": _("Unknown person.")})
    stored = (
        Membership.objects.filter(pk=membership.pk)
        .values("person_id", "organisation_id", "role", "is_active")
        .first()
        if membership.pk
        else None
    )
    changed = stored is None or {k: v for k, v in stored.items() if k != "is_active"} != {
        "person_id": membership.person_id,
        "organisation_id": membership.organisation_id,
        "role": membership.role,
    }
    if stored is not None and (
        stored["person_id"] != membership.person_id
        or stored["organisation_id"] != membership.organisation_id
    ):
        # Re-pointing a role would take it from one person and give it to another with none
        # of a new role's checks (security review): end it and give a new one instead.
        raise ValidationError(
            {
                "person": _(
                    "A role stays with its person and organisation: remove it and give a new one."
                )
            }
        )
    resumed = stored is not None and not stored["is_active"] and membership.is_active
    if changed or resumed:
        refuse_own_role(person=person, by=by)
    if changed and person.organisation_id != membership.organisation_id:
        raise ValidationError(
            {
                "person": _(
                    "This person belongs to another organisation: send them a role request instead."
                )
            }
        )
    membership.full_clean()
    membership.save()
    return membership


@service
@transaction.atomic
def membership_end(*, membership: Membership, by: Any) -> None:
    """Remove a role: a coordinator of the organisation it is held in."""
    _require(by, "organisations.delete_membership", membership)
    membership.delete()


@service
@transaction.atomic
def team_delete(*, team: Team, by: Any) -> None:
    """Remove a team. A team that contains other teams is refused (their `parent` protects it):
    the coordinator moves or removes them first. Its members simply lose their team."""
    _require(by, "organisations.delete_team", team)
    if team.children.exists():
        raise ValidationError(
            _("This team contains other teams: move them to another team or remove them first.")
        )
    team.delete()


def _target_person_id(*, email: str, organisation: Organisation) -> Any:
    """The id of the one active person of another organisation this address designates, or None.

    Each organisation holds an address once; when several organisations do, the person whose
    own account uses the address is the one asked; if that is still ambiguous nobody is.
    (Read through the organisations' `people`: this app sits below people and imports none of it.)"""
    candidates = list(
        Organisation.objects.exclude(pk=organisation.pk)
        .filter(people__email__iexact=email, people__is_active=True)
        .values_list("people__pk", "people__user__email")[:20]
    )
    if len(candidates) > 1:
        candidates = [c for c in candidates if c[1] is not None and c[1].lower() == email]
    return candidates[0][0] if len(candidates) == 1 else None


def _home_coordinators(person: Any) -> list[Any]:
    """Active accounts of the managing staff of a person's home organisation."""
    managing = Membership.objects.filter(
        organisation_id=person.organisation_id,
        role__in=MANAGING_ROLES,
        is_active=True,
        person__is_active=True,
        person__user__is_active=True,
    ).select_related("person__user")
    return list({m.person.user_id: m.person.user for m in managing}.values())


@service
@transaction.atomic
def role_request_create(
    *, organisation: Organisation, role: str, email: str, requested_by: Any
) -> RoleRequest:
    """Ask to give `role` in `organisation` to whoever uses `email` in another organisation.

    Nothing is granted and nothing of the other side is shown: the request waits for the person
    or a coordinator of their home organisation (`role_request_accept`). The requester gets the
    same answer whether the address is known or not, so the form is no directory of addresses;
    only someone of their own organisation, whom they can already see, is pointed to that
    person's page (security review, issue 10)."""
    _require(requested_by, "organisations.add_rolerequest", organisation)
    email = (email or "").strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if not email:
        raise ValidationError({"email": _("An e-mail address is needed.")})
    if organisation.people.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "Someone of this organisation uses this address: give them the role from "
                    "their page."
                )
            }
        )
    if RoleRequest.objects.filter(
        organisation=organisation, email=email, role=role, status=RoleRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            {"email": _("A request for this address and role is already waiting for an answer.")}
        )
    person_id = _target_person_id(email=email, organisation=organisation)
    request = RoleRequest.objects.create(
        organisation=organisation,
        role=role,
        email=email,
        requested_by=requested_by,
        person_id=person_id,
    )
    if person_id is not None:
        _tell_the_other_side(request)
    return request


def _tell_the_other_side(request: RoleRequest) -> None:
    """The person and their home coordinators: a short subject and a link, no name (e-mails
    leave the platform; DECISIONS.md "Confidentiality"); the in-app title says which
    organisation asks, for whom and which role."""
    link = reverse("organisations:role_requests")
    person: Any = request.person
    # The role by its label, translated when read (a lazy string: core.notifications).
    asked = {"org": request.organisation, "role": Role(request.role).label, "name": person}
    recipients = {}
    user = person.user
    if user is not None and user.is_active:
        recipients[user.pk] = (
            user,
            msg("A role in another organisation is proposed"),
            msg("%(org)s proposes you a role: %(role)s", **asked),
        )
    for user in _home_coordinators(person):
        recipients.setdefault(
            user.pk,
            (
                user,
                msg("A role in another organisation is proposed to someone of yours"),
                msg("%(org)s proposes a role to %(name)s: %(role)s", **asked),
            ),
        )
    for user, subject, title in recipients.values():
        notify(
            kind=kinds.ROLE_PROPOSED,
            recipient=user,
            subject=subject,
            title=title,
            body=msg(
                "A role request is waiting for your answer: open it in Entrepairs to accept or decline it."
            ),
            link=link,
            # The side that answers: the person's home organisation.
            organisation=person.organisation_id,
            about=request,
        )


def _lock_pending(request: RoleRequest) -> RoleRequest:
    locked = (
        RoleRequest.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=request.pk)
    )
    if not locked.is_pending:
        raise ValidationError(_("This request has already been answered."))
    return locked


def _close(request: RoleRequest, *, status: str, by: Any) -> RoleRequest:
    request.status = status
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_by", "answered_at", "updated_at"])
    # Accepted, declined or withdrawn: neither the person nor their coordinators are asked any
    # more to answer it (issue 15).
    resolve(kind=kinds.ROLE_PROPOSED, about=request)
    return request


@service
@transaction.atomic
def role_request_accept(*, request: RoleRequest, by: Any) -> Membership:
    """Accept a role request: only now is the role created (or made active again).

    Only the person asked (for their own profile) or a coordinator of their home organisation
    may accept (`organisations.answer_rolerequest`); the requesting organisation never can.
    Someone who asked for a role for themselves (a coordinator here whose home is elsewhere)
    cannot accept it: their home coordinator does (`refuse_own_role`)."""
    if not check(by, "organisations.answer_rolerequest", request):
        raise PermissionDenied
    request = _lock_pending(request)
    if same_id(request.requested_by_id, getattr(by, "pk", None)):
        refuse_own_role(person=request.person, by=by, field=None)
    membership, created = Membership.objects.get_or_create(
        person=request.person, organisation=request.organisation, role=request.role
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    _close(request, status=RoleRequest.Status.ACCEPTED, by=by)
    _tell_the_requester(
        request,
        msg("Your role request was accepted"),
        msg("The role requested for %(name)s was accepted: %(role)s"),
    )
    return membership


@service
@transaction.atomic
def role_request_decline(*, request: RoleRequest, by: Any) -> RoleRequest:
    """Decline a role request: the person or a coordinator of their home organisation."""
    if not check(by, "organisations.answer_rolerequest", request):
        raise PermissionDenied
    request = _close(_lock_pending(request), status=RoleRequest.Status.DECLINED, by=by)
    _tell_the_requester(
        request,
        msg("Your role request was declined"),
        msg("The role requested for %(name)s was declined: %(role)s"),
    )
    return request


@service
@transaction.atomic
def role_request_withdraw(*, request: RoleRequest, by: Any) -> RoleRequest:
    """Withdraw a pending request: a coordinator of the organisation that asked."""
    if not check(by, "organisations.withdraw_rolerequest", request):
        raise PermissionDenied
    return _close(_lock_pending(request), status=RoleRequest.Status.WITHDRAWN, by=by)


def _tell_the_requester(request: RoleRequest, subject: Message, title: Message) -> None:
    """`title` names the person asked (`%(name)s`) and the role (`%(role)s`), in the app only."""
    user = request.requested_by
    if user is not None and user.is_active:
        notify(
            kind=kinds.ROLE_ANSWERED,
            recipient=user,
            subject=subject,
            title=title.with_params(name=request.person, role=Role(request.role).label),
            body=msg("Open your role requests in Entrepairs to see the answer."),
            link=reverse("organisations:role_requests"),
            organisation=request.organisation_id,  # the organisation that asked
        )


def require_coordinates(by: Any, organisation_id: Any, message: str, field: str) -> None:
    """`by` coordinates `organisation_id` (from memberships, so every channel gets the same
    answer); SYSTEM is trusted code (demo data, commands). Shared by the modules' services."""
    from entrepairs.core.services import SYSTEM

    if by is SYSTEM:
        return
    coordinates = (
        by is not None
        and by.is_active
        and Membership.objects.active()
        .filter(person=by, organisation_id=organisation_id, role__in=MANAGING_ROLES)
        .exists()
    )
    if not coordinates:
        raise ValidationError({field: message})
