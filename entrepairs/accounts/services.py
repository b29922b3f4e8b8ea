"""Every write to an account: access tokens, signing out everywhere. Each takes `by=`, the
account acting on itself; the page and the API call the same function, which holds the rule."""

from typing import Any

from django.contrib.auth import get_user_model, logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _

from entrepairs.core.audit import record_account_event
from entrepairs.core.permissions import check
from entrepairs.core.services import service

from .models import AccessToken
from .selectors import home_organisation_id

MAX_TOKEN_DAYS = 365


@service
@transaction.atomic
def access_token_issue(
    *, organisation: Any, name: str, days: int | None = 90, by: Any
) -> tuple[AccessToken, str]:
    """A personal access token of `by`, scoped to one of their organisations. Returns the token
    and its secret, shown once (only its hash is stored)."""
    probe = AccessToken(user=by, organisation=organisation)
    if by is None or not check(by, "accounts.add_accesstoken", probe):
        raise ValidationError({"organisation": _("You cannot make a token for this organisation.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the token.")})
    if days is not None and not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError(
            {"days": _("A token is valid for 1 to %(max)s days.") % {"max": MAX_TOKEN_DAYS}}
        )
    return AccessToken.issue(user=by, organisation=organisation, name=name, days=days)


@service
@transaction.atomic
def access_token_revoke(*, token: AccessToken, by: Any) -> AccessToken:
    """Revoking is final; revoking a revoked token changes nothing."""
    if by is None or not check(by, "accounts.delete_accesstoken", token):
        raise ValidationError(_("You cannot revoke this token."))
    token.revoke()
    return token


@service
def sign_out_everywhere(*, request: HttpRequest, end_this_session: bool, by: Any) -> None:
    """End every session of `by`, this one included when `end_this_session`; access tokens stay
    valid (they are revoked one by one). Raising the epoch changes the hash Django checks against
    each session on every request (User._get_session_auth_hash)."""
    with transaction.atomic():
        get_user_model().objects.filter(pk=by.pk).update(session_epoch=F("session_epoch") + 1)
        record_account_event(
            event="signed_out_everywhere",
            account=by,
            organisation_id=home_organisation_id(by),
        )
    if end_this_session:
        logout(request)


def is_first_password(user: Any) -> bool:
    """An invited account that has not chosen its password yet (or never signed in): the mailed
    link then reads "choose your password", not "change it"."""
    return not user.has_usable_password() or user.last_login is None


@service
@transaction.atomic
def password_set_from_mailed_link(*, user: Any, password: str) -> None:
    """Set the password of the account a mailed link (an invitation or a password reset) was
    sent for; `user` is the link's holder, acting on their own account. Following the link proves
    the address receives mail, so it becomes the account's confirmed, primary address (allauth
    refuses two-factor set-up while an address is unconfirmed, issue 15). Every page that accepts
    such a link calls this function (accounts.forms.PasswordFromMailedLinkForm)."""
    from allauth.account.adapter import get_adapter

    get_adapter().set_password(user, password)
    address_confirm(user=user)


def address_confirm(*, user: Any) -> None:
    """Mark the account's own address (`user.email`, the one its organisation records) confirmed
    and primary; any other address row (never added through the app) loses `primary`."""
    from allauth.account.models import EmailAddress

    if not user.email:
        return
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    updated = EmailAddress.objects.filter(user=user, email__iexact=user.email).update(
        verified=True, primary=True
    )
    if not updated:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


@service
def address_confirmation_send(*, request: HttpRequest, by: Any) -> bool:
    """E-mail `by` a link confirming their unconfirmed address (rare: invitations confirm it).
    allauth's rate limit on confirmation mails applies; its confirmation page does the rest."""
    from allauth.account.internal.flows.email_verification import (
        send_verification_email_to_address,
    )
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=by, verified=False).order_by("-primary").first()
    if address is None:
        return False
    return send_verification_email_to_address(request, address)


@service
def language_choose(*, user: Any, language: str) -> None:
    """The account reads the platform in `language` from now on: its pages (the cookie the
    language control sets) and every e-mail written to it (notifications, list messages), so
    one choice holds on every channel. A language the platform does not offer changes nothing."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES) or not getattr(user, "is_authenticated", False):
        return
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
