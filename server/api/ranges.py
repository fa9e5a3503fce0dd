"""?from=&to= bounds: a date means the client's whole local day; an instant is taken as is."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..domain.calendar_days import local_midnight, to_utc
from ..errors import InvalidInput
from ..models import User


def range_bounds(client: User, query: dict) -> tuple[datetime | None, datetime | None]:
    """UTC [start, end) for the query; 'to' as a date includes that whole day."""
    zone = ZoneInfo(client.timezone)
    start, end = query.get("from_"), query.get("to")
    if isinstance(start, date) and not isinstance(start, datetime):
        start = to_utc(local_midnight(start, zone))
    end_is_day = isinstance(end, date) and not isinstance(end, datetime)
    if end_is_day:
        end = to_utc(local_midnight(end + timedelta(days=1), zone))
    # A 'to' day ends where the next day starts, so 'from' that next day is already after it.
    if start is not None and end is not None and (start > end or (start == end and end_is_day)):
        raise InvalidInput(errors={"from": ["Must not be after 'to'."]})
    return start, end
