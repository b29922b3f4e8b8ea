"""What people tells people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l

from entrepairs.core.notifications import notification_kind

INVITATION = notification_kind("people.invitation", _l("You are invited to Entrepairs"))
IMPORT_ENDED = notification_kind("people.import_ended", _l("An import of people has ended"))
