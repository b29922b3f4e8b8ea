"""Pure-Python matching engine (temporary init)."""
