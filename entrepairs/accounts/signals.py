from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .models import LoginAttempt


@receiver(user_login_failed)
def record_failed_login(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    meta = request.META if request is not None else {}
    LoginAttempt.objects.create(
        email=email,
        remote_addr=meta.get("REMOTE_ADDR"),
        user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:300],
    )
