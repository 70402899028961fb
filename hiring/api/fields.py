"""Request fields that take JSON types at their word: a string field refuses 12, an integer
field refuses "12", a boolean refuses "yes". DRF coerces these by default; the schema
promises types, so the API keeps that promise both ways. Decimals accept a string
("160000.00", the form responses use) or a JSON number."""

from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

NOT_A_STRING = "Send a string."
NOT_AN_INTEGER = "Send a whole number (not a string)."
NOT_A_BOOLEAN = "Send true or false."
NOT_EMPTY = "Send a value, or null to clear it."
NOT_A_DECIMAL = 'Send a number or a decimal string such as "160000.00".'


class CharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(NOT_A_STRING, code="invalid")
        return super().to_internal_value(data)


class SlugField(CharField, serializers.SlugField):
    pass


class URLField(CharField, serializers.URLField):
    pass


class IntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError(NOT_AN_INTEGER, code="invalid")
        return super().to_internal_value(data)


class BooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            raise serializers.ValidationError(NOT_A_BOOLEAN, code="invalid")
        return data


class DecimalField(serializers.DecimalField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            raise serializers.ValidationError(NOT_A_DECIMAL, code="invalid")
        return super().to_internal_value(data)


class SlugRelatedField(serializers.SlugRelatedField):
    """A related row by slug; an empty string is an error, not DRF's silent null."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            raise serializers.ValidationError(NOT_EMPTY, code="blank")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data:
            raise serializers.ValidationError(NOT_A_STRING, code="invalid")
        return super().to_internal_value(data)


class DecimalFieldSchema(OpenApiSerializerFieldExtension):
    """In requests a decimal is a decimal string or a number; in responses, a string."""

    target_class = DecimalField

    def map_serializer_field(self, auto_schema, direction):
        as_string = auto_schema._map_serializer_field(
            self.target, direction, bypass_extensions=True
        )
        if direction != "request":
            return as_string
        as_number = {"type": "number"}
        for validator in self.target.validators:
            limit = getattr(validator, "limit_value", None)
            if type(validator).__name__ == "MinValueValidator":
                as_number["minimum"] = float(limit)
            elif type(validator).__name__ == "MaxValueValidator":
                as_number["maximum"] = float(limit)
        as_number["maximum"] = min(
            as_number.get("maximum", float("inf")),
            float(10 ** (self.target.max_digits - self.target.decimal_places)) - 1,
        )
        return {"oneOf": [as_string, as_number]}


class CurrencyCodeField(CharField):
    """A posting's currency; pass it the model field's validator, which decides."""


class CurrencyCodeFieldSchema(OpenApiSerializerFieldExtension):
    """The schema lists the codes the validator accepts, so a generated client can too."""

    target_class = CurrencyCodeField

    def map_serializer_field(self, auto_schema, direction):
        from hiring.models.posting import iso_4217_codes

        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "enum": list(iso_4217_codes())}


# For ModelSerializers that accept writes.
STRICT_FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.CharField: CharField,
    models.TextField: CharField,
    models.SlugField: SlugField,
    models.URLField: URLField,
    models.IntegerField: IntegerField,
    models.PositiveIntegerField: IntegerField,
    models.PositiveSmallIntegerField: IntegerField,
    models.SmallIntegerField: IntegerField,
    models.BooleanField: BooleanField,
    models.DecimalField: DecimalField,
}
