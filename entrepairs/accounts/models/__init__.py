"""Accounts' models; imported here so that Django finds them."""

from .user import AccessToken, AccessTokenQuerySet, User, UserManager

__all__ = ["AccessToken", "AccessTokenQuerySet", "User", "UserManager"]
