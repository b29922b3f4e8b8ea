"""Text checks shared by every service."""

import unicodedata


def is_blank(value: str | None) -> bool:
    """True when `value` shows nothing to a reader: empty, spaces of any kind (no-break spaces
    included) or invisible format characters (zero-width space, joiners, BOM). A required text
    "filled" with those is refused like an empty one (outside test: an expert's advice of one
    zero-width space met a mandatory-advice rule)."""
    return not any(
        not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp")
        for ch in value or ""
    )


# A free-text note of a file (progress, check-in, closure, screening, onboarding feedback...):
# long enough for a careful account, short enough that a paste of a whole document is refused.
MAX_NOTE_LENGTH = 5000


def check_lengths(limit: int = MAX_NOTE_LENGTH, **texts: str | None) -> None:
    """Refuse, next to each field, a text longer than `limit` characters."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from entrepairs.core.api.fields import localised_number

    errors = {
        field: _("At most %(limit)s characters (this text has %(length)s).")
        % {"limit": localised_number(limit), "length": localised_number(len(value))}
        for field, value in texts.items()
        if value and len(value) > limit
    }
    if errors:
        raise ValidationError(errors)
