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
