from typing import Any

from django.http import HttpRequest

from .permissions import current_viewer


def module_navigation(request: HttpRequest, viewer: Any) -> list[dict[str, str]]:
    """Links to the modules (groups, mentoring, onboarding): each app may define
    `navigation(request, viewer) -> list[{"url", "label"}]` in its `nav.py`."""
    from importlib import import_module

    from django.apps import apps

    items: list[dict[str, str]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("entrepairs."):
            continue
        try:
            nav = import_module(f"{config.name}.nav")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.nav":
                raise
            continue
        items.extend(nav.navigation(request, viewer))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Notification

    viewer = current_viewer(user)
    return {
        "module_nav": module_navigation(request, viewer),
        "viewer": viewer,
        "can_manage_people": viewer.is_platform_admin or bool(viewer.managed_orgs),
        "unread_notifications": Notification.objects.filter(recipient=user).unread().count(),
    }
