"""Errors raised by the matching engine.

Every input problem is reported as :class:`SolverInputError` naming the offending
field, so the web layer can attach the message to the right form field instead
of showing a stack trace.
"""

from __future__ import annotations


class SolverInputError(ValueError):
    """Invalid input. ``field`` is a dotted path such as ``"mentors[3].capacity"``."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class InfeasibleError(SolverInputError):
    """Valid input that no solution can satisfy; ``field`` names the blocking constraint."""
