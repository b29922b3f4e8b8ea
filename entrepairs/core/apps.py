from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "entrepairs.core"
    label = "core"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (connects the audit-trail receivers)
