"""Permission helpers that know no domain app.

The viewer (who the current user is across organisations) lives in
`entrepairs.organisations.viewer`; core reaches it only through `current_viewer`, which resolves
the `VIEWER_FUNCTION` setting, so core never imports a domain app.
"""

from functools import cache
from typing import Any

from django.db.models import Q


def id_q(lookup: str, value: Any) -> Q:
    """`Q(lookup=value)` for one of the viewer's ids, matching nothing when the id is None.

    A viewer without a person record (the platform administrator, a service account) has
    `person_id=None`, and `Q(line_manager_id=None)` would match every person who has no line
    manager: every "is it me?" filter on a nullable column goes through this helper."""
    if value is None:
        return Q(pk__in=[])
    return Q(**{lookup: value})


def same_id(value: Any, viewer_id: Any) -> bool:
    """`value == viewer_id`, never true when the viewer's id is None (see `id_q`)."""
    return viewer_id is not None and value == viewer_id


@cache
def _viewer_function() -> Any:
    from django.conf import settings
    from django.utils.module_loading import import_string

    return import_string(settings.VIEWER_FUNCTION)


def current_viewer(user: Any) -> Any:
    """The viewer of `user` as the organisations app builds it (for core's own pages)."""
    return _viewer_function()(user)


def check(user: Any, perm: str, obj: Any = None) -> bool:
    """Test a rule directly: unlike user.has_perm, a superuser gets no implicit pass."""
    import rules

    return rules.has_perm(perm, user, obj)
