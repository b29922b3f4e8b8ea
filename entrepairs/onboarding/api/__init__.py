"""The onboarding JSON API. `register(router)` is called by entrepairs/api_urls.py; `api_paths`
holds the plain paths."""

from .viewsets import api_paths, register

__all__ = ["api_paths", "register"]
