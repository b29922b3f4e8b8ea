from typing import Any

from django import template

from ..selectors import unconfirmed_address_of

register = template.Library()


@register.simple_tag
def unconfirmed_address(user: Any) -> str | None:
    return unconfirmed_address_of(user)


@register.filter
def groups_of_four(secret: str) -> list[str]:
    """A two-factor key in groups of four characters, so it wraps on a phone (issue 15)."""
    secret = str(secret or "")
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


@register.simple_tag
def in_two_factor_enrolment(user: Any) -> bool:
    from ..two_factor import in_enrolment

    return in_enrolment(user)
