"""Personal access tokens for the API: `Authorization: Bearer ep_…`."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from entrepairs.accounts.two_factor import must_enrol_two_factor
from entrepairs.core.audit import set_actor

from ..models import AccessToken


class AccessTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, AccessToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        token = (
            AccessToken.objects.select_related("user", "organisation")
            .filter(token_hash=AccessToken.hash(header[1]))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Unknown token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if not token.is_usable:
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is disabled."))
        # Keep writes rare: update last use at most once a minute.
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        setattr(token.user, "_token_scope", token.organisation_id)  # noqa: B010  # the token sees one organisation
        if must_enrol_two_factor(token.user):
            # A token made before the organisation required two-factor does not get round it.
            raise exceptions.PermissionDenied(
                _(
                    "Your organisation requires two-factor authentication for your role. Please set it up to continue."
                ),
                code="two_factor_required",
            )
        set_actor(token.user, source="api")
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
