"""What groups tell other apps without knowing them (contracts invoice the sessions held)."""

from django.dispatch import Signal

# Sent inside the transaction that marks a session held; `session` is the Session. Receivers
# (e.g. the contracts app adding an invoice line) run in that transaction.
session_held = Signal()
