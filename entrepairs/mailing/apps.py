from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    """Announcements and opt-in subscriptions: used by groups today, networks later."""

    name = "entrepairs.mailing"
    label = "mailing"
    verbose_name = _("Mailing")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers the permissions
