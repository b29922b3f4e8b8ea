from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "entrepairs.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import schema, signals  # noqa: F401
