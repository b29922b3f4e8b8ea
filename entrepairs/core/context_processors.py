from typing import Any

from django.http import HttpRequest

from .permissions import viewer_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Notification

    viewer = viewer_for(user)
    return {
        "viewer": viewer,
        "can_manage_people": viewer.is_platform_admin or bool(viewer.managed_orgs),
        "unread_notifications": Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count(),
    }
