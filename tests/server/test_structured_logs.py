"""LOG_FORMAT=json: one JSON object a line, with no personal data in it."""

from __future__ import annotations

import io
import json
import logging

from server.structured_logs import JsonFormatter, json_handler


def _written(logger_name: str, *, exc_info=None, msg="%s", args=("x",)) -> dict:
    stream = io.StringIO()
    handler = json_handler(stream)
    record = logging.LogRecord(logger_name, logging.ERROR, __file__, 1, msg, args, exc_info)
    handler.handle(record)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_an_exception_is_logged_as_its_type_and_stack_without_its_message():
    try:
        raise ValueError("Key (email)=(robin@example.test) already exists.")
    except ValueError as error:
        entry = _written("server.errors", exc_info=(type(error), error, error.__traceback__),
                         msg="unhandled error", args=())
    assert entry["message"] == "unhandled error"
    assert entry["error"] == "builtins.ValueError"
    assert entry["stack"][0].endswith("test_an_exception_is_logged_as_its_type_and_stack_"
                                      "without_its_message")
    assert "robin" not in json.dumps(entry)


def test_the_access_log_keeps_method_path_status_and_time_but_no_address_or_agent():
    atoms = {"h": "198.51.100.23", "m": "POST", "U": "/api/invites/SECRET-TOKEN/accept",
             "s": "200", "B": 512, "M": 12, "a": "Mozilla/5.0 (Robin's phone)",
             "f": "https://example.test/"}
    entry = _written("gunicorn.access", msg="%(h)s %(U)s", args=(atoms,))
    assert {k: entry[k] for k in ("method", "path", "status", "bytes", "duration_ms")} == {
        "method": "POST", "path": "/api/invites/[redacted]/accept", "status": "200",
        "bytes": 512, "duration_ms": 12}
    text = json.dumps(entry)
    assert "198.51.100.23" not in text and "Robin" not in text and "SECRET" not in text


def test_secret_paths_in_a_message_are_redacted():
    entry = _written("werkzeug", msg='"%s" %s %s',
                     args=("GET /api/calendar/feed-secret.ics HTTP/1.1", "200", "-"))
    assert "feed-secret" not in entry["message"]
    assert entry["level"] == "error" and entry["logger"] == "werkzeug"


def test_json_format_switches_the_root_logger_to_json_lines(fresh_app, capfd):
    root = logging.getLogger()
    before = list(root.handlers), root.level
    try:
        fresh_app(LOG_FORMAT="json")
        assert any(isinstance(h.formatter, JsonFormatter) for h in root.handlers)
        logging.getLogger("server.reminders.scheduler").warning("reminder tick: %s", "ok")
        line = capfd.readouterr().err.strip().splitlines()[-1]
        assert json.loads(line)["message"] == "reminder tick: ok"
    finally:
        root.handlers[:] = before[0]
        root.setLevel(before[1])
