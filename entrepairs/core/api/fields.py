"""Serializer fields shared by the apps' APIs."""

from collections.abc import Callable, MutableMapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.utils.formatting import lazy_format


class InlineChoiceField(serializers.ChoiceField):
    """A choice field documented with an inline enum: no shared component name to collide with
    other modules' `status`, `kind` or `role` enums."""


class InlineChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = InlineChoiceField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        values = [str(k) for k in self.target.choices]
        if self.target.allow_blank and "" not in values:
            values.append("")
        schema: dict[str, Any] = {"type": "string", "enum": values}
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


# The base of every model serializer of the API. DRF drops `allow_blank` from read-only fields;
# a choice field keeps it here, so the schema's enum accepts the "" that reads really return (a
# check-in not yet answered has no `recorded_via`: stop 25's fuzzing). Read-only, it validates
# nothing. (Comments, not a docstring: drf-spectacular would copy a docstring into every
# serializer's description.)
class BaseModelSerializer(serializers.ModelSerializer):
    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank_choice = "choices" in kwargs and kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank_choice and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


# A model serializer whose choice fields are documented inline (InlineChoiceField).
class ModelSerializer(BaseModelSerializer):
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


def _related_model(field: serializers.RelatedField) -> Any:
    model = getattr(field, "model", None)
    if model is None:
        queryset = getattr(field, "queryset", None)
        model = getattr(queryset, "model", None)
    return model


def _related_label(field: serializers.RelatedField) -> str:
    """What the reader calls the field, in the active language: the model field's verbose name
    when it was given one (translated), else the related model's verbose name ("groupe" for a
    `group` field: the name of the field in code is English), else the field's own label; a
    list's items take the list's name."""
    named: Any = field.parent if isinstance(field.parent, serializers.ManyRelatedField) else field
    owner = getattr(named, "parent", None)
    model = getattr(getattr(owner, "Meta", None), "model", None)
    label: Any = None
    if model is not None and named.field_name:
        try:
            label = model._meta.get_field(named.source or named.field_name).verbose_name
        except FieldDoesNotExist:
            label = None  # not a model field
    if label is None and named.label and named.label != _auto_label(named.field_name):
        label = named.label
    if not isinstance(label, Promise):  # no verbose name given: Django's is the code's name
        related = _related_model(field)
        if related is not None:
            label = related._meta.verbose_name
    return str(label or named.label or named.field_name or "")


def _auto_label(name: str | None) -> str:
    """The label DRF derives from a field's name ("price_grid": "Price grid")."""
    return (name or "").replace("_", " ").capitalize()


_drf_fail = serializers.PrimaryKeyRelatedField.fail


def _fail_unknown(self: serializers.PrimaryKeyRelatedField, key: str, **kwargs: Any) -> None:
    # DRF says 'Invalid pk "a88b…" - object does not exist.': technical, and it echoes the id.
    if key in ("does_not_exist", "incorrect_type"):
        label = _related_label(self)
        raise serializers.ValidationError(
            _("%(label)s: unknown, or outside your organisations.")
            % {"label": label[:1].upper() + label[1:]},
            code=key,
        )
    _drf_fail(self, key, **kwargs)


def name_unknown_related_records() -> None:
    """Every id field of the API (PrimaryKeyRelatedField, VisibleRelatedField, lists of ids)
    refuses an unknown or unseen id with one plain sentence naming the field, never the id.
    Installed once at start-up (CoreConfig.ready)."""
    serializers.PrimaryKeyRelatedField.fail = _fail_unknown  # type: ignore[method-assign,assignment]


def localised_number(value: Any) -> str:
    """A number as the reader's language writes it in a sentence: "0,5", "10 000" in French (a
    narrow no-break space between thousands, as French typography wants)."""
    from django.utils.formats import number_format
    from django.utils.translation import get_language

    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        value = value.normalize()
        places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
        text = number_format(value, places, use_l10n=True, force_grouping=True)
    else:
        text = number_format(value, use_l10n=True, force_grouping=True)
    if (get_language() or "").startswith("fr"):
        text = text.replace("\u00a0", "\u202f").replace(" ", "\u202f")
    return text


_field_fail = serializers.Field.fail


def _fail_localised(self: serializers.Field, key: str, **kwargs: Any) -> None:
    numbers = {
        name: localised_number(value)
        for name, value in kwargs.items()
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    }
    if key == "invalid" and "format" in kwargs:
        numbers["format"] = _date_example(self)
    _field_fail(self, key, **{**kwargs, **numbers})


def _date_example(field: serializers.Field) -> str:
    """The hint of a date or time refused: an example in the reader's way ("« 08/12/2026
    10:00 »" in French) next to ISO 8601, never DRF's "YYYY-MM-DDThh:mm[:ss[.uuuuuu]]"."""
    from datetime import datetime

    from django.utils.formats import date_format
    from django.utils.translation import get_language

    sample = datetime(2026, 12, 8, 10, 0)
    if isinstance(field, serializers.DateTimeField):
        iso, local = "2026-12-08T10:00", date_format(sample, "d/m/Y H:i")
    elif isinstance(field, serializers.DateField):
        iso, local = "2026-12-08", date_format(sample, "d/m/Y")
    else:
        iso, local = "10:00", "10:00"
    if (get_language() or "").startswith("fr"):
        return _("« %(local)s » or %(iso)s") % {"local": local, "iso": iso}
    return iso


def _localised(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        name: localised_number(value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        else value
        for name, value in kwargs.items()
    }


class _LocalisedLazyFormat(lazy_format):
    """DRF's bound messages (max_length, min_value...), formatted when read, in the reader's
    language and with the numbers written their way (never cached: one field may answer readers
    of several languages)."""

    def __str__(self) -> str:
        return str(self.format_string).format(*self.args, **_localised(self.kwargs or {}))


def localise_numbers_in_messages() -> None:
    """Every API message that quotes a bound ("at least 0.5", "at most 10000 characters") writes
    it the reader's way: "0,5", "10 000" in French. Installed once at start-up (CoreConfig.ready)."""
    from rest_framework import fields

    serializers.Field.fail = _fail_localised  # type: ignore[method-assign,assignment]
    fields.lazy_format = _LocalisedLazyFormat  # type: ignore[attr-defined]
