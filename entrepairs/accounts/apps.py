from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "entrepairs.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .api import schema  # noqa: F401
