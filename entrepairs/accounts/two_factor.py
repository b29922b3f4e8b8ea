from typing import Any

from allauth.mfa.models import Authenticator

from entrepairs.organisations.viewer import viewer_for


def requires_two_factor(user: Any) -> bool:
    """True when one of the user's organisations requires two-factor for a role the user holds
    (read with the viewer's memberships: no query of its own)."""
    return viewer_for(user).two_factor_required


def has_two_factor(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_enrol_two_factor(user: Any) -> bool:
    cached = getattr(user, "_must_enrol_2fa", None)
    if cached is None:
        cached = requires_two_factor(user) and not has_two_factor(user)
        user._must_enrol_2fa = cached
    return cached


def signed_in_moments_ago(request: Any) -> bool:
    """The person typed their password (or a code) at sign-in less than allauth's reauthentication
    timeout ago (5 minutes): asking for it again before they enrol an authenticator app, or read
    the recovery codes just made, would be a second password prompt right after signing in."""
    import time

    from allauth.account import app_settings as account_settings
    from allauth.account.internal.flows.login import get_authentication_records

    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    moments = [
        record.get("at", 0)
        for record in get_authentication_records(request, user)
        if isinstance(record, dict)
    ]
    return bool(moments) and time.time() - max(moments) < account_settings.REAUTHENTICATION_TIMEOUT


# Enrolment ends once its recovery codes are saved: an app activated longer ago than this is
# past its enrolment (its codes page is then the page "Recovery codes" of the account).
ENROLMENT_MINUTES = 30


def in_enrolment(user: Any) -> bool:
    """The recovery codes shown are step 3 of enrolment: they are the ones made with the app
    just activated (allauth makes both at once), not new codes made later from the account
    page (issue 15: « Étape 3 sur 3 » only inside enrolment)."""
    from datetime import timedelta

    from django.utils import timezone

    made = dict(
        Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
        ).values_list("type", "created_at")
    )
    app, codes = made.get(Authenticator.Type.TOTP), made.get(Authenticator.Type.RECOVERY_CODES)
    if app is None or codes is None:
        return False
    recent = timezone.now() - app < timedelta(minutes=ENROLMENT_MINUTES)
    return recent and abs(codes - app) < timedelta(seconds=5)
