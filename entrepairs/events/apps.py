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
        # The trail names a registration or an opinion by its event (the person is the entry's
        # actor or subject already; an opinion's text stays out of it).
        for model, field in (
            (models.Event, "title"),
            (models.Registration, "event__title"),
            (models.Feedback, "event__title"),
        ):
            names, find = audit.by_field(model, field)
            audit.register_names(model, names, find=find)
