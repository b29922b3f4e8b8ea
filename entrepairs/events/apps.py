from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events of a network or an organisation (issue 16 point 4: trainings, meetings, dinners,
    webinars): registration with a waiting list, reminders, calendars, attendance, feedback."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "entrepairs.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from entrepairs.core import audit

        from . import models, notification_kinds, rules  # noqa: F401 - registers rules and kinds

        for model in (models.Event, models.Registration, models.Feedback):
            audit.register(model)
