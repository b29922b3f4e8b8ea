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
