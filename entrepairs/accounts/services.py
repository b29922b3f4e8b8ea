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
