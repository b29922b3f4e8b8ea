"""Groups in the JSON API (views, serializers); `register` and `api_paths` for the v1 router."""

from .serializers import ModelSerializer
from .views import api_paths, register

__all__ = ["ModelSerializer", "api_paths", "register"]
