"""Serializer fields shared by the apps' APIs."""

from typing import Any

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
