"""What training tells the modules that use it (they connect in their AppConfig.ready)."""

from django.dispatch import Signal

# Sent inside the recording transaction with `completion` and `by`: mentoring refreshes the
# screening status of a mentor who has just completed a required module.
completion_recorded = Signal()
