"""Serializer fields shared by the apps' APIs."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers


class InlineChoiceField(serializers.ChoiceField):
    """A choice field documented with an inline enum: no shared component name to collide with
    other modules' `status`, `kind` or `role` enums."""


class InlineChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = InlineChoiceField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "enum": [str(k) for k in self.target.choices]}
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


class ModelSerializer(serializers.ModelSerializer):
    """A model serializer whose choice fields are documented inline (InlineChoiceField)."""

    serializer_choice_field = InlineChoiceField


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """The id of a related record, looked up among the records the requester may see: on a write,
    an id they may not see gets the answer of an id that does not exist (400, DRF's
    `does_not_exist`), never one that tells it exists, and is never accepted (security review F9).

    `visible(user)` is the app's visibility selector; a serializer without a request in its
    context finds nothing. Whether a record they see may be named is the service's rule (403 or
    its message), not this field's.
    """

    def __init__(
        self, model: type[Model], *, visible: Callable[[Any], QuerySet[Any]], **kwargs: Any
    ) -> None:
        self.model = model
        self.visible = visible
        # The schema (drf-spectacular) reads the model's primary key from `queryset`.
        kwargs.setdefault("queryset", model._default_manager.none())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        if request is None:
            return self.model._default_manager.none()
        return self.visible(request.user)
