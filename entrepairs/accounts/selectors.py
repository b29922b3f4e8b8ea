"""Reads about accounts shared by sign-in signals, sessions, the middleware and the adapter."""

from typing import Any

from django.contrib.auth import get_user_model

from entrepairs.people.models import Person


def home_organisation_id(user: Any) -> Any:
    """The organisation whose coordinators read this account's events: its person's home."""
    if user is None:
        return None
    return Person.objects.filter(user=user).values_list("organisation_id", flat=True).first()


def account_for_login(login: str) -> Any:
    if not login:
        return None
    return get_user_model().objects.filter(email__iexact=login.strip()).first()
