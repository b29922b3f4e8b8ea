"""Groups in the JSON API (views, serializers); `register` and `api_paths` for the v1 router."""

from .views import api_paths, register

__all__ = ["api_paths", "register"]
