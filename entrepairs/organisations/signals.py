"""What organisations ask other apps without knowing them."""

from django.dispatch import Signal

# Sent by `services.organisation_update` before an organisation's settings are saved, with
# `organisation` (the changed, unsaved instance). A receiver refuses the change by raising
# ValidationError (contracts: a provider with live agreements keeps its SIRET).
organisation_changing = Signal()
