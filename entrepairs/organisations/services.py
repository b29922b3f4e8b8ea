"""Writes about organisations that need more than a form save: teams and role requests.

Pages and the API call these functions, so each rule lives here once.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.notifications import notify
from entrepairs.core.permissions import check

from .models import MANAGING_ROLES, Membership, Organisation, Role, RoleRequest, Team


@transaction.atomic
def team_delete(*, team: Team) -> None:
    """Remove a team. A team that contains other teams is refused (their `parent` protects it):
    the coordinator moves or removes them first. Its members simply lose their team."""
    if team.children.exists():
        raise ValidationError(
            _("This team contains other teams: move them to another team or remove them first.")
        )
    team.delete()


def _target_person(*, email: str, organisation: Organisation) -> Any:
    """The one active person of another organisation this address designates, or None.

    Each organisation holds an address once; when several organisations do, the person whose
    own account uses the address is the one asked; if that is still ambiguous nobody is."""
    from entrepairs.people.models import Person

    candidates = list(
        Person.objects.filter(email__iexact=email, is_active=True)
        .exclude(organisation=organisation)
        .select_related("user")[:20]
    )
    if len(candidates) > 1:
        candidates = [p for p in candidates if p.user is not None and p.user.email.lower() == email]
    return candidates[0] if len(candidates) == 1 else None


def _home_coordinators(person: Any) -> list[Any]:
    """Active accounts of the managing staff of a person's home organisation."""
    from entrepairs.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            person__is_active=True,
            person__memberships__organisation_id=person.organisation_id,
            person__memberships__role__in=MANAGING_ROLES,
            person__memberships__is_active=True,
        ).distinct()
    )


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
    from entrepairs.people.models import Person

    email = (email or "").strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if not email:
        raise ValidationError({"email": _("An e-mail address is needed.")})
    if Person.objects.filter(organisation=organisation, email__iexact=email).exists():
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
    person = _target_person(email=email, organisation=organisation)
    request = RoleRequest.objects.create(
        organisation=organisation, role=role, email=email, requested_by=requested_by, person=person
    )
    if person is not None:
        _tell_the_other_side(request)
    return request


def _tell_the_other_side(request: RoleRequest) -> None:
    """The person and their home coordinators: a short subject and a link, no name (e-mails
    leave the platform; DECISIONS.md "Confidentiality")."""
    link = reverse("organisations:role_requests")
    person: Any = request.person
    recipients = {}
    user = person.user
    if user is not None and user.is_active:
        recipients[user.pk] = (user, _("A role in another organisation is proposed"))
    for user in _home_coordinators(person):
        recipients.setdefault(
            user.pk,
            (user, _("A role in another organisation is proposed to someone of yours")),
        )
    for user, subject in recipients.values():
        notify(
            recipient=user,
            subject=subject,
            body=_(
                "A role request is waiting for your answer: open it in Entrepairs to accept or decline it."
            ),
            link=link,
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
    return request


@transaction.atomic
def role_request_accept(*, request: RoleRequest, by: Any) -> Membership:
    """Accept a role request: only now is the role created (or made active again).

    Only the person asked (for their own profile) or a coordinator of their home organisation
    may accept (`organisations.answer_rolerequest`); the requesting organisation never can."""
    if not check(by, "organisations.answer_rolerequest", request):
        raise PermissionDenied
    request = _lock_pending(request)
    membership, created = Membership.objects.get_or_create(
        person=request.person, organisation=request.organisation, role=request.role
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    _close(request, status=RoleRequest.Status.ACCEPTED, by=by)
    _tell_the_requester(request, _("Your role request was accepted"))
    return membership


@transaction.atomic
def role_request_decline(*, request: RoleRequest, by: Any) -> RoleRequest:
    """Decline a role request: the person or a coordinator of their home organisation."""
    if not check(by, "organisations.answer_rolerequest", request):
        raise PermissionDenied
    request = _close(_lock_pending(request), status=RoleRequest.Status.DECLINED, by=by)
    _tell_the_requester(request, _("Your role request was declined"))
    return request


@transaction.atomic
def role_request_withdraw(*, request: RoleRequest, by: Any) -> RoleRequest:
    """Withdraw a pending request: a coordinator of the organisation that asked."""
    if not check(by, "organisations.withdraw_rolerequest", request):
        raise PermissionDenied
    return _close(_lock_pending(request), status=RoleRequest.Status.WITHDRAWN, by=by)


def _tell_the_requester(request: RoleRequest, subject: str) -> None:
    user = request.requested_by
    if user is not None and user.is_active:
        notify(
            recipient=user,
            subject=subject,
            body=_("Open your role requests in Entrepairs to see the answer."),
            link=reverse("organisations:role_requests"),
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
