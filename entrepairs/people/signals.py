"""What the people register tells other apps without knowing them.

A change of line manager is an HR fact: it is always recorded. But other apps may hold rules that
the new chart breaks (groups: the hierarchy is never in the group), and the person who made the
change must hear it at once, on every channel. The people app cannot import those apps (import
layers), so it sends `line_manager_changed` and collects the warnings receivers return.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.dispatch import Signal

# Sent by `services.line_manager_warnings` with:
#   changes: dict[key, tuple[old_manager, new_manager]] — keys and managers are person ids, or
#     `NewPerson`s standing for people a file would create (the import's dry run);
#   written: bool — True when the changes are saved (the database holds the new chart, and
#     receivers may notify), False for a dry run (the database holds the old chart).
# Each receiver returns a list of `ChangeWarning`.
line_manager_changed = Signal()


@dataclass(frozen=True)
class NewPerson:
    """Stands for the person a line of an import file would create (a dry run writes nothing)."""

    line: int


@dataclass(frozen=True)
class ChangeWarning:
    """A rule of another app that a recorded (or previewed) change breaks, and how to fix it."""

    code: str  # e.g. "hierarchy_in_group"
    message: str  # a sentence naming who and where (translated)
    fix: str  # what to do (translated)
    url: str  # the page where to fix it
    person: Any  # the key of `changes` whose change caused it (an import row finds its own)
    details: dict[str, Any]  # ids, names and numbers the API returns as they are

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("person")
        return data
