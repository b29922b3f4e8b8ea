"""The JSON API of coaching: views.py parses, calls a service or selector, renders."""

from .views import api_paths, register

__all__ = ["api_paths", "register"]
