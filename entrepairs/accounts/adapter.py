from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """People are invited by a coordinator: no open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
