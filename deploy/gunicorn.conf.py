"""gunicorn settings for Cluneal Companion (`gunicorn -c deploy/gunicorn.conf.py
'server:create_app()'`). Each value can be changed from the environment, as named below."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# N web processes; each serves several requests at once on threads (most time waits on the
# database). The reminder scheduler does not run here: SCHEDULER_ENABLED=0 in the environment
# and M `flask scheduler` processes beside them (deploy/README.md).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
# SIGTERM: stop accepting, let requests in flight finish for up to this long, then exit.
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "30"))
timeout = 60
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once): a bound on
# any slow growth in memory.
max_requests = int(os.environ.get("MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Every worker builds its own app (its own connection pool): never share sockets across fork.
preload_app = False
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
if os.environ.get("LOG_FORMAT") == "json":
    # gunicorn's own records in the app's JSON lines: the access log without the client's
    # address or user agent (server/structured_logs.py).
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "server.structured_logs.JsonFormatter"}},
        "filters": {"redact": {"()": "server.security.log_redaction.RedactSecretPaths"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                                "filters": ["redact"], "stream": "ext://sys.stderr"}},
        "root": {"level": os.environ.get("LOG_LEVEL", "INFO"), "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }
