"""Reads about accounts shared by the pages, sign-in signals, sessions, the middleware and the
adapter."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .models import AccessToken
from .rules import access_token_visible_q, token_organisations_q


def tokens_for(user: Any) -> QuerySet[AccessToken]:
    return AccessToken.objects.filter(access_token_visible_q(viewer_for(user)))


def get_token_for(user: Any, pk: Any, action: str = "delete") -> AccessToken:
    """One of the user's own tokens (404 for anyone else's); `action` names the rule."""
    token: AccessToken = get_visible_or_404(tokens_for(user), pk=pk)
    require(user, f"accounts.{action}_accesstoken", token)
    return token


def token_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations the user may scope a new token to."""
    return Organisation.objects.filter(token_organisations_q(viewer_for(user)))


def home_organisation_id(user: Any) -> Any:
    """The organisation whose coordinators read this account's events: its person's home."""
    if user is None:
        return None
    return Person.objects.filter(user=user).values_list("organisation_id", flat=True).first()


def account_for_login(login: str) -> Any:
    if not login:
        return None
    return get_user_model().objects.filter(email__iexact=login.strip()).first()


def unconfirmed_address_of(user: Any) -> str | None:
    """The account's address when it is not confirmed (allauth then refuses two-factor set-up).
    Invited accounts are confirmed by their link (services.password_set_from_mailed_link)."""
    from allauth.account.models import EmailAddress

    if user is None or not user.is_authenticated:
        return None
    row = EmailAddress.objects.filter(user=user, verified=False).order_by("-primary").first()
    return row.email if row is not None else None
