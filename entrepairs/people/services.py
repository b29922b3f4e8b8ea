"""Writes about people that span several records. Views, API, import and commands all call these."""

from typing import TYPE_CHECKING, Any

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepairs.core import listcache
from entrepairs.core.links import absolute_url
from entrepairs.core.notifications import msg, notify
from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations.models import Membership
from entrepairs.organisations.services import is_self, refuse_own_role
from entrepairs.people import notification_kinds as kinds

from .models import Person
from .rules import NewPersonOf
from .signals import ChangeWarning, line_manager_changed

if TYPE_CHECKING:
    # django-stubs' stand-in for settings.AUTH_USER_MODEL: people sits below accounts.
    from django.contrib.auth.models import _User as User


def _require_manages(by: Any, person: Person) -> None:
    """`by` manages the person's organisation, and the one they are stored in when they move
    (`people.change_person`); SYSTEM is trusted code (demo data, the import: see `imports`)."""
    if by is SYSTEM:
        return
    stored = (
        Person.objects.filter(pk=person.pk).values_list("organisation_id", flat=True).first()
        if person.pk
        else None
    )
    for organisation_id in {person.organisation_id, stored} - {None}:
        if not check(by, "people.change_person", NewPersonOf(organisation_id)):
            raise PermissionDenied


def person_save(
    *,
    person: Person,
    by: Any,
    roles: list[str] | None = None,
    check_unique: bool = True,
    announce: bool = True,
) -> Person:
    """`person_save_warned` for callers that show no warning (the warnings are still computed:
    the coordinators of a group concerned are notified whatever the channel)."""
    return person_save_warned(
        person=person, by=by, roles=roles, check_unique=check_unique, announce=announce
    )[0]


@service
@transaction.atomic
def person_save_warned(
    *,
    person: Person,
    by: Any,
    roles: list[str] | None = None,
    check_unique: bool = True,
    announce: bool = True,
) -> tuple[Person, list[ChangeWarning]]:
    """Validate and save a person; with `roles`, make their roles in their organisation exactly those.

    Only someone who manages the person's organisation writes it; the team and the line manager
    are of the same organisation (`Person.clean`). `check_unique=False` is for callers that
    checked uniqueness for a whole batch already (the import): the database constraints still
    refuse a duplicate, as an IntegrityError. Nobody adds a role to themselves
    (`organisations.services.refuse_own_role`); dropping one's own is allowed.

    A new line manager is always recorded; the warnings returned are what it breaks elsewhere
    (`line_manager_warnings`: a group where the new chain now sits)."""
    _require_manages(by, person)
    refuse_own_team(person=person, team_id=person.team_id, by=by)
    person.full_clean(validate_unique=check_unique, validate_constraints=check_unique)
    # A person just created sits in no group and manages nobody yet: nothing to warn about.
    announce = announce and not person._state.adding
    old_manager = (
        Person.objects.filter(pk=person.pk).values_list("line_manager_id", flat=True).first()
        if announce
        else None
    )
    person.save()
    if roles is not None:
        person_set_roles(person=person, organisation=person.organisation, roles=roles, by=by)
    warnings: list[ChangeWarning] = []
    if announce and old_manager != person.line_manager_id:
        warnings = line_manager_warnings(
            changes={person.pk: (old_manager, person.line_manager_id)}, written=True
        )
    return person, warnings


def line_manager_warnings(
    *, changes: dict[Any, tuple[Any, Any]], written: bool
) -> list[ChangeWarning]:
    """What other apps say a change of line managers breaks (`signals.line_manager_changed`).
    The change is recorded all the same (the org chart is an HR fact; refusing it would make the
    register lie): the caller shows the warnings, receivers notify whoever must fix them when
    `written`. `announce=False` on `person_save` is for a caller that saves many people and
    asks once for all of them (the import)."""
    if not changes:
        return []
    answers: list[tuple[Any, Any]] = line_manager_changed.send(
        sender=Person, changes=changes, written=written
    )
    return [warning for _receiver, warnings in answers for warning in warnings or []]


def refuse_own_team(*, person: Person, team_id: Any, by: Any) -> None:
    """Nobody moves themselves into a team: a core team's members read its children's cases
    (security review: a coordinator put herself in a core team and read 60 cases). Leaving a
    team opens nothing and stays allowed; another coordinator or the platform administrator
    moves a colleague. Every path that sets a team calls this (the person's page and API here,
    the import's preview)."""
    if person._state.adding or team_id is None or not is_self(by, person):
        return
    stored = Person.objects.filter(pk=person.pk).values_list("team_id", flat=True).first()
    if team_id != stored:
        raise ValidationError(
            {
                "team": _(
                    "You cannot move yourself into a team: another coordinator or the "
                    "platform administrator does it."
                )
            }
        )


@transaction.atomic
def person_set_roles(*, person: Person, organisation: Any, roles: list[str], by: Any) -> None:
    current = set(
        Membership.objects.filter(person=person, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    wanted = set(roles)
    if wanted - current:
        refuse_own_role(person=person, by=by, field="roles")
    for membership in Membership.objects.filter(
        person=person, organisation=organisation, role__in=current - wanted
    ):
        membership.delete()  # one by one so each removal reaches the audit trail
    for role in sorted(wanted - current):
        Membership.objects.create(person=person, organisation=organisation, role=role)


def _account_to_deactivate(person: Person) -> "User | None":
    """The account that goes with a person (theirs alone: `Person.user` is one-to-one), unless it
    is a platform administrator's or staff account. A coordinator removing a person must never
    lock out the administrator, whose account may have been linked before invitations stopped
    linking existing accounts."""
    if not person.user_id:
        return None
    user = get_user_model().objects.filter(pk=person.user_id).first()
    if user is None or user.is_superuser or user.is_staff:
        return None
    return user


@service
@transaction.atomic
def person_delete(*, person: Person, by: Any) -> None:
    """Remove a person; their account, if it is theirs alone, is deactivated rather than deleted
    (see `_account_to_deactivate`; security review, issue 10). Their organisation's managers only."""
    if by is not SYSTEM and not check(by, "people.delete_person", person):
        raise PermissionDenied
    user = _account_to_deactivate(person)
    if user is not None:
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    # Unlinking the reports is a bulk update (no signal): the lists that show them lose this
    # line manager's name, found before they are unlinked (core.listcache).
    listcache.invalidate(listcache.organisations_of(person))
    Person.objects.filter(line_manager=person).update(line_manager=None)
    person.delete()


def _password_link(user: "User") -> str:
    return absolute_url(
        reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    )


@service
@transaction.atomic
def person_invite(*, person: Person, by: Any, invited_by: Any = None) -> None:
    """E-mail a person a link to their account. Every channel answers the same whether or not an
    account already uses the address (issue 10: nothing tells whether an address exists).

    Only someone who may change the person invites them (`people.change_person`, checked before
    anything about the address so a refusal tells nothing either); SYSTEM is trusted code that
    checked its own rule (a mentor's approval). The e-mail names `invited_by`, by default `by`.

    A new address gets a new account linked to the person, and a link to choose a password (sent
    again by a later invitation until they first sign in: until then the person shows as having
    no account). An address already used by an account is never linked (the platform
    administrator's, someone of another organisation's: whoever manages the person could then
    act on it); that account's owner is told by e-mail instead, and the person stays without one."""
    if by is not SYSTEM and not check(by, "people.change_person", person):
        raise PermissionDenied
    if invited_by is None:
        invited_by = by
    if invited_by is SYSTEM:
        invited_by = None
    if not person.email:
        raise ValidationError({"email": _("An e-mail address is needed to invite this person.")})
    if person.has_account:
        raise ValidationError({"email": _("This person already has an account.")})
    user = person.user
    if user is None:
        existing = get_user_model().objects.filter(email__iexact=person.email).first()
        if existing is not None:
            if existing.is_active:
                notify(
                    kind=kinds.INVITATION,
                    recipient=existing,
                    subject=msg("Your invitation to Entrepairs"),
                    body=msg(
                        "An organisation invited this address to Entrepairs, which already has "
                        "an account: sign in with it. To choose a new password: %(url)s",
                        url=_password_link(existing),
                    ),
                    link=reverse("dashboard"),
                    # About an account, which belongs to no organisation: sessions only.
                    organisation=None,
                )
            return
        user = get_user_model().objects.create_user(
            person.email, None, display_name=person.full_name
        )
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    notify(
        kind=kinds.INVITATION,
        recipient=user,
        subject=msg("You are invited to Entrepairs"),
        body=msg(
            "%(who)s invited you to Entrepairs. Choose your password with this link: %(url)s",
            who=invited_by or msg("Your organisation"),
            url=_password_link(user),
        ),
        link=reverse("dashboard"),
        organisation=person.organisation_id,
    )
