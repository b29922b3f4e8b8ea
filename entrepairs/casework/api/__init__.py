"""The casework JSON API. `register(router)` is called by entrepairs/api_urls.py."""

from .views import api_paths, register

__all__ = ["api_paths", "register"]
