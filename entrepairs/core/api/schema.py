"""The OpenAPI schema tells the truth about errors: every operation documents the error body.

drf-spectacular documents the successful answer of each operation only; a client (or a fuzzer)
then meets undocumented 400/401/403/404/429 answers. This post-processing hook adds them, all with
the one error body of `core.api.exception_handler`.
"""

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every API error has this body (core.api.exception_handler).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}

ERRORS = {
    "400": "The input is invalid: `fields` says which field and why.",
    "401": "No valid credentials (session or access token).",
    "403": "The caller sees the object but may not do this.",
    "404": "No such object, or the caller may not see it (other organisations included).",
    "406": "The `Accept` header asks for a format the API does not write (it writes JSON).",
    "415": "The body's content type is not one the API reads (JSON, form, multipart).",
    "429": "Too many requests: try again later.",
}


def document_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add the error answers, with the shared `Error` body, to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result


def building_schema(view: Any) -> bool:
    """drf-spectacular calls a view's `get_queryset` with no real request to learn its model:
    answer an empty queryset then rather than reading the (absent) viewer."""
    return getattr(view, "swagger_fake_view", False)
