"""BaseSchema and the field types every resource shares."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from marshmallow import RAISE, Schema, ValidationError, fields, validate

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class BaseSchema(Schema):
    """Unknown fields are an error: a misspelt field name must not be silently dropped from a
    clinical record."""

    class Meta:
        unknown = RAISE
        ordered = True


class Code(fields.String):
    """A string from a fixed vocabulary; the message lists what is allowed."""

    def __init__(self, choices, **kwargs):
        super().__init__(
            validate=validate.OneOf(choices, error="Must be one of: {choices}."), **kwargs
        )


def UniqueCodes(choices, *, min_items: int = 0, **kwargs) -> fields.List:  # noqa: N802
    """A list of distinct codes from a vocabulary."""

    def distinct(values):
        if len(set(values)) != len(values):
            raise ValidationError("Each code may appear only once.")

    validators = [distinct]
    if min_items:
        validators.append(validate.Length(min=min_items, error="Give at least {min}."))
    return fields.List(Code(choices), validate=validators, **kwargs)


class Strict(fields.Integer):
    """An integer that refuses 6.5, "6" and true."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictNumber(fields.Float):
    """A JSON number: "2" and true are refused, not guessed at; so are NaN and infinity."""

    def __init__(self, **kwargs):
        super().__init__(allow_nan=False, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictBoolean(fields.Boolean):
    """JSON true or false only: "no", 0 or "yes" are refused, not guessed at."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class LocalTime(fields.String):
    """A local wall-clock time "HH:MM" (24 h)."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if not _HHMM.match(value):
            raise ValidationError("Use 24-hour HH:MM, for example 08:30.")
        return value


class TimeZoneName(fields.String):
    """An IANA time zone name such as Europe/London."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if value not in _zone_names():
            raise ValidationError("Unknown time zone; use an IANA name such as Europe/London.")
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError("Unknown time zone.") from exc
        return value


_ZONES: frozenset[str] | None = None


def _zone_names() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones()) | {"UTC"}
    return _ZONES


class Instant(fields.AwareDateTime):
    """An ISO 8601 date-time that must carry its offset; given back in UTC."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)
        self.error_messages["naive"] = (
            "Include a UTC offset, for example 2026-05-01T08:30:00+01:00.")

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return super()._deserialize(value, attr, data, **kwargs).astimezone(UTC)
        except OverflowError as exc:  # 0001-01-01T00:00:00+02:00 is before the first UTC instant
            raise ValidationError("Not a valid date and time.") from exc


class DateOrInstant(fields.Field):
    """A query bound: a date (a whole local day) or a date-time with offset."""

    default_error_messages = {
        "invalid": "Use a date (2026-05-01) or a date-time with offset (2026-05-01T08:00:00Z)."
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValidationError("Not a valid date and time.") from exc
        if parsed.tzinfo is None:
            raise self.make_error("invalid")
        return parsed.astimezone(UTC)
