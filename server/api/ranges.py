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
    if isinstance(end, date) and not isinstance(end, datetime):
        end = to_utc(local_midnight(end + timedelta(days=1), zone))
    if start is not None and end is not None and start > end:
        raise InvalidInput(errors={"from": ["Must not be after 'to'."]})
    return start, end
