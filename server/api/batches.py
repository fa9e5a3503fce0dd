"""Guards shared by the batch endpoints (logs and sessions)."""

from functools import wraps

from flask import request

from ..errors import DomainError

MAX_BATCH = 500


class BatchTooLarge(DomainError):
    status_code = 413
    default_message = f"Send at most {MAX_BATCH} records in one batch."


def limit_batch(view):
    """Refuse an over-long batch before validating each of its items."""

    @wraps(view)
    def guarded(*args, **kwargs):
        body = request.get_json(silent=True)
        if isinstance(body, list) and len(body) > MAX_BATCH:
            raise BatchTooLarge(errors={"_schema": [BatchTooLarge.default_message]})
        return view(*args, **kwargs)

    return guarded
