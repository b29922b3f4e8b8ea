import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest
from django.urls import reverse

from entrepairs.core.audit import record_account_event
from entrepairs.core.http import client_address
from entrepairs.core.links import absolute_url

logger = logging.getLogger(__name__)

LOCKOUT = "too_many_login_attempts"


class AccountAdapter(DefaultAccountAdapter):
    """People are invited by a coordinator: no open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's per-address rate limits key on this. When the address is unknown (a unix
        socket and no trusted proxy configured) allauth would refuse every sign-in; one shared
        "unknown" address would let one person lock everybody out. So the per-address limits
        do not apply to such a request (a key of its own) and the per-account ones still do."""
        address = client_address(request)
        if address is None:
            logger.warning(
                "Client address unknown: per-address sign-in throttling is off for this request. "
                "Behind a reverse proxy, set TRUSTED_PROXY_COUNT (docs/deployment.md)."
            )
            address = getattr(request, "_unknown_client_key", None) or (
                "unknown-" + secrets.token_hex(8)
            )
            request._unknown_client_key = address  # type: ignore[attr-defined]
        return address

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """No second password prompt right after sign-in (issue 15 §10): a sign-in less than
        5 minutes old counts as the confirmation allauth asks before two-factor changes; later,
        allauth asks for the password again as usual."""
        from .two_factor import signed_in_moments_ago

        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not signed_in_moments_ago(self.request)

    def get_reset_password_from_key_url(self, key: str) -> str:
        """Mailed links use the configured site address, like every other e-mail (core.links)."""
        from allauth.account.internal import flows

        path = urlsplit(
            flows.password_reset.get_reset_password_from_key_url(self.request, key)
        ).path
        return absolute_url(path)

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """An invited person chose their first password: say so, not "password changed"."""
        if message_template == "account/messages/password_changed.txt" and getattr(
            request, "_first_password", False
        ):
            message_template = "account/messages/password_set.txt"
        super().add_message(request, level, message_template, *args, **kwargs)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        self._credentials = credentials
        super().pre_authenticate(request, **credentials)

    def validation_error(self, code: str, *args: Any) -> forms.ValidationError:
        # allauth raises this error whenever a rate limit blocks a sign-in: after a password
        # (pre_authenticate) or a two-factor code (allauth.mfa's check_rate_limit).
        if code == LOCKOUT:
            self._record_lockout()
        return super().validation_error(code, *args)

    def _record_lockout(self) -> None:
        from .selectors import account_for_login, home_organisation_id

        credentials = getattr(self, "_credentials", None)
        if credentials is not None:
            login = str(credentials.get("email") or credentials.get("username") or "")
            account = account_for_login(login)
            detail = "password"
        else:
            login, account, detail = "", self._pending_two_factor_account(), "two_factor"
        record_account_event(
            event="lockout",
            account=account,
            login=login,
            organisation_id=home_organisation_id(account),
            detail=detail,
        )

    def _pending_two_factor_account(self) -> Any:
        """The account whose sign-in waits for its two-factor code (allauth keeps it in the session)."""
        from allauth.account.internal.stagekit import unstash_login

        request = getattr(self, "request", None)
        if request is None or not hasattr(request, "session"):
            return None
        try:
            login = unstash_login(request, peek=True)
        except Exception:  # noqa: BLE001 - an audit detail must never break a sign-in
            return None
        return login.user if login is not None else None
