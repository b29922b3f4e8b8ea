"""API conventions shared by every app: pagination, one error body, object-level permissions."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext
from rest_framework import exceptions, pagination, permissions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..french import french_text
from ..paging import IdsFirstPaginator
from ..permissions import check


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class IdsFirstPagination(Pagination):
    """For large lists: each page is cut on ids before rows are loaded (see IdsFirstPaginator)."""

    django_paginator_class = IdsFirstPaginator


def _fields_from(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _fields_from(value).items():
                    out[f"{key}.{sub}"] = msgs
            else:
                # A name put into a French sentence: "d’Amina", "1er mai" (core.french).
                out[key] = [
                    french_text(str(m)) for m in (value if isinstance(value, list) else [value])
                ]
        return out
    return {}


TWO_FACTOR = "two_factor_required"


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Every API error has the same body: {"error": {"code", "message", "fields"}}."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, ProtectedError | RestrictedError):
        # A safety net: services refuse these deletions with a clear message of their own.
        exc = exceptions.ValidationError(
            {
                "non_field_errors": [
                    gettext("Other records still refer to this one: move or remove them first.")
                ]
            }
        )
    elif isinstance(exc, exceptions.ParseError):
        # The parser's own detail is the JSON library's English ("Expecting property name…"):
        # the caller gets DRF's message in their language instead.
        exc = exceptions.ParseError()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        # A service's refusal says why; the page shows the same sentence (templates/403.html).
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(detail, list):
            detail = {"non_field_errors": detail}
        fields = _fields_from(detail)
        message: str = gettext("Invalid input.")
        code: Any = "invalid"
    else:
        message = french_text(
            str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
        )
        code = getattr(getattr(exc, "detail", None), "code", None) or getattr(
            exc, "default_code", "error"
        )
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    if response.status_code == status.HTTP_403_FORBIDDEN and not fields and code != TWO_FACTOR:
        response.data["error"]["code"] = "permission_denied"
    return response


class RulesPermission(permissions.BasePermission):
    """Maps HTTP methods to `<app>.<action>_<model>` rules, checked on the object too."""

    actions = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "POST": "add",
        "PUT": "change",
        "PATCH": "change",
        "DELETE": "delete",
    }

    def _perm(self, request: Any, view: Any) -> str:
        model = view.get_queryset().model
        action = (
            getattr(view, "permission_action", {}).get(getattr(view, "action", None))
            or self.actions[request.method]
        )
        return f"{model._meta.app_label}.{action}_{model._meta.model_name}"

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        # Object-level checks happen in has_object_permission; creation is checked in the view.
        return (
            request.method != "POST"
            or getattr(view, "action", None) != "create"
            or check(request.user, self._perm(request, view), None)
        )

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        return check(request.user, self._perm(request, view), obj)


def not_found(request: Any, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any unknown address under the API answers the API's JSON error, not the HTML 404 page
    (e.g. an id that is not a UUID, which no route matches)."""
    return JsonResponse(
        {
            "error": {
                "code": "not_found",
                "message": str(exceptions.NotFound.default_detail),
                "fields": {},
            }
        },
        status=status.HTTP_404_NOT_FOUND,
    )
