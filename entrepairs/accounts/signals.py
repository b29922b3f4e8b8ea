"""Sign-ins in the audit trail: every success, every failure (wrong password, unknown account,
wrong two-factor code) and every lockout (adapter.AccountAdapter) is an account event."""

from typing import Any

from allauth.mfa.signals import authentication_failed as two_factor_failed
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from entrepairs.core.audit import record_account_event

from . import sessions
from .selectors import account_for_login, home_organisation_id


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_account_event(event="sign_in", account=user, organisation_id=home_organisation_id(user))
    if request is not None and hasattr(request, "session"):
        sessions.start(request, user)


@receiver(user_login_failed)
def record_failed_sign_in(
    sender: Any, credentials: dict, request: Any = None, **kwargs: Any
) -> None:
    login = str(credentials.get("email") or credentials.get("username") or "")
    account = account_for_login(login)
    record_account_event(
        event="sign_in_failed",
        account=account,
        login=login,
        organisation_id=home_organisation_id(account),
        detail="password",
    )


@receiver(two_factor_failed)
def record_failed_two_factor(sender: Any, user: Any, request: Any = None, **kwargs: Any) -> None:
    record_account_event(
        event="sign_in_failed",
        account=user,
        organisation_id=home_organisation_id(user),
        detail="two_factor",
    )
