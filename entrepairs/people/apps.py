from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "entrepairs.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in

        from entrepairs.core import audit, listcache
        from entrepairs.organisations.models import Membership, Organisation, Team

        from .models import Person, Placement

        audit.register(Person, sensitive=True)
        # A child's placement and family are confidential: reads audited, no value in the trail.
        audit.register(Placement, sensitive=True, circle=True)
        from .audit_names import register as register_names

        register_names()
        from .languages import all_languages
        from .models import HALF_DAYS
        from .models.person import half_day_label

        audit.register_labels(audit.field_vocabulary(Person, "languages"), all_languages)
        audit.register_labels(
            audit.field_vocabulary(Person, "availability"),
            lambda: {h: half_day_label(h) for h in HALF_DAYS},
        )
        # The people list caches its pages: a change to what it filters or shows invalidates
        # those of the organisations it shows in. A person's row shows their team, line manager
        # and organisation, in their organisation's list and in those of the organisations where
        # they hold a role (a person from elsewhere); a line manager's name is on their reports'.
        listcache.watch(
            Person,
            orgs=(
                "organisation",
                "memberships__organisation",
                "line_manager__organisation",
                "reports__organisation",
                "reports__memberships__organisation",
            ),
        )
        # A role shows its holder in that organisation's list (lists show no roles elsewhere;
        # the holder's own pages are keyed by their roles).
        listcache.watch(Membership, orgs=("organisation",))
        listcache.watch(Team, orgs=("organisation", "members__memberships__organisation"))
        listcache.watch(Organisation, orgs=("pk", "people__memberships__organisation"))
        # Deleting an account unlinks its person without a save; a person's first sign-in changes
        # `has_account` (lists cache it), and every sign-in saves the user.
        user_orgs = ("person__organisation", "person__memberships__organisation")
        listcache.watch(get_user_model(), orgs=user_orgs, saves=False)
        user_logged_in.connect(
            lambda user, **kwargs: listcache.invalidate(listcache.organisations_of(user)),
            weak=False,
            dispatch_uid="listcache:sign-in",
        )
