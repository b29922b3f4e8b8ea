from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Networks of peers across organisations (seed 000: regional, national or transnational
    networks of tutors). An organisation is a member only with its own coordinator's consent."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "entrepairs.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit

        from . import models, notification_kinds, rules  # noqa: F401 - registers rules and kinds

        for model in (
            models.Network,
            models.NetworkOrganisation,
            models.NetworkMember,
            models.NewsItem,
            models.HostedGroup,
        ):
            audit.register(model)
        for model, field in (
            (models.Network, "name"),
            (models.NewsItem, "title"),
            (models.HostedGroup, "group__name"),
        ):
            names, find = audit.by_field(model, field)
            audit.register_names(model, names, find=find)
        # A member by its person or organisation and its network (__str__, in one query).
        for model, related in (
            (models.NetworkMember, ("person", "network")),
            (models.NetworkOrganisation, ("organisation", "network")),
        ):
            audit.register_names(model, audit.by_text(model, related=related))
