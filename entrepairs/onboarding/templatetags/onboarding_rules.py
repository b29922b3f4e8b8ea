"""Templates ask the rule, not the role: `{% can "onboarding.view_template" as may_edit %}`."""

from typing import Any

from django import template

from entrepairs.core.permissions import check

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: Any, perm: str, obj: Any = None) -> bool:
    request = context.get("request")
    return request is not None and check(request.user, perm, obj)
