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
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit
        from entrepairs.training import selectors as training_selectors

        from . import models, notification_kinds, rules, session_link  # noqa: F401 - registers rules and kinds

        # A session held as an event takes its seats through the event; its organisation trains
        # whoever registered (training imports no events: it is handed these).
        training_selectors.register_enrolment_guard(session_link.guard_enrolment)
        training_selectors.register_trainee_source(session_link.trained_through_events)
        training_selectors.register_session_holder(session_link.held_as_events)

        for model in (
            models.Event,
            models.Registration,
            models.Feedback,
            models.ExperiencedTutorSeat,
        ):
            audit.register(model)
        # The trail names a registration or an opinion by its event (the person is the entry's
        # actor or subject already; an opinion's text stays out of it).
        for model, field in (
            (models.Event, "title"),
            (models.Registration, "event__title"),
            (models.Feedback, "event__title"),
            (models.ExperiencedTutorSeat, "event__title"),
        ):
            names, find = audit.by_field(model, field)
            audit.register_names(model, names, find=find)
