"""BaseSchema and the field types every resource shares."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

#: The instants a request may name: a phone's clock set to year 1 or 9999 is a mistake, and
#: instants that far out overflow the arithmetic of local days and the database drivers.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)  # exclusive
_OUT_OF_RANGE = "Must be between 1970 and 2199."
#: The integers a request may give: what a signed 64-bit column holds.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
#: NUL is refused by PostgreSQL text and cut short by C code; an unpaired surrogate cannot be
#: encoded as UTF-8 at all (JSON can carry one as "\ud800"). Either is refused, never stored.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_TEXT = "Text must not contain NUL characters or unpaired surrogates."


def storable_text(value: str) -> bool:
    """Whether value can be stored and sent back as UTF-8 text as it is."""
    return _UNSTORABLE.search(value) is None


def _refuse_unstorable(value) -> None:
    if isinstance(value, str) and not storable_text(value):
        raise ValidationError(UNSTORABLE_TEXT)


def _guard_text(field: fields.Field) -> None:
    """Every text field, also inside lists and dicts, refuses text that cannot be stored."""
    if isinstance(field, fields.String):
        if _refuse_unstorable not in field.validators:
            # A new list: a bound field is a shallow copy sharing its class's list.
            field.validators = [*field.validators, _refuse_unstorable]
    elif isinstance(field, fields.List):
        _guard_text(field.inner)
    elif isinstance(field, fields.Tuple):
        for inner in field.tuple_fields:
            _guard_text(inner)
    elif isinstance(field, fields.Dict):
        for inner in (field.key_field, field.value_field):
            if inner is not None:
                _guard_text(inner)


class BaseSchema(Schema):
    """Unknown fields are an error: a misspelt field name must not be silently dropped from a
    clinical record. Every text field refuses NUL and unpaired surrogates."""

    class Meta:
        unknown = RAISE
        ordered = True

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        _guard_text(field_obj)


#: Keys of flask-smorest's pagination, read by @blp.paginate from the same query string.
PAGINATION_KEYS = frozenset({"page", "page_size"})


class QuerySchema(BaseSchema):
    """A query string: unknown keys are refused, as in bodies (?buckt=week must not silently
    mean the default bucket)."""

    def load(self, data, *, many=None, partial=None, unknown=None):
        # webargs loads every query string with unknown=EXCLUDE; this policy is ours to set.
        return super().load(data, many=many, partial=partial, unknown=RAISE)


class PagedQuerySchema(QuerySchema):
    """The query string of a paged list: its own keys, plus page and page_size, which
    @blp.paginate reads and checks; any other key is refused."""

    @pre_load
    def leave_pagination_to_the_pager(self, data, **_kwargs):
        if not hasattr(data, "keys"):
            return data
        return {key: data[key] for key in data.keys() if key not in PAGINATION_KEYS}


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
    """An integer that refuses 6.5, "6" and true, and any beyond 64 bits."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        value = super()._validated(value)
        if not INT64_MIN <= value <= INT64_MAX:
            raise ValidationError("Too large a number.")
        return value


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
            instant = super()._deserialize(value, attr, data, **kwargs).astimezone(UTC)
        except OverflowError as exc:  # 0001-01-01T00:00:00+02:00 is before the first UTC instant
            raise ValidationError(_OUT_OF_RANGE) from exc
        return _in_range(instant)


def _in_range(instant: datetime) -> datetime:
    if not EARLIEST <= instant < LATEST:
        raise ValidationError(_OUT_OF_RANGE)
    return instant


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
                day = date.fromisoformat(value)
                if not EARLIEST.date() <= day < LATEST.date():
                    raise ValidationError(_OUT_OF_RANGE)
                return day
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValidationError("Not a valid date and time.") from exc
        if parsed.tzinfo is None:
            raise self.make_error("invalid")
        try:
            return _in_range(parsed.astimezone(UTC))
        except OverflowError as exc:
            raise ValidationError(_OUT_OF_RANGE) from exc
