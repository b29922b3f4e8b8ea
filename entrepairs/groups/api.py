"""The JSON API of this context: `register(router)` is called by entrepairs/api_urls.py."""

from typing import Any


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
