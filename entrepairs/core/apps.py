from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "entrepairs.core"
    label = "core"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (connects the audit-trail receivers)
        from .widgets import render_html_dates_as_iso

        render_html_dates_as_iso()
        from .api.fields import localise_numbers_in_messages, name_unknown_related_records

        name_unknown_related_records()
        localise_numbers_in_messages()
