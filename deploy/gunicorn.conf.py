"""gunicorn's settings for Språkvän, all from the environment (scripts/serve-production.sh, systemd).

The worker model (processes × threads) is chosen by measurement: see docs/performance.md.
gunicorn's own access log is off: sprakvan.core.requestlog writes one line per request
(with the route name instead of the path, and no query string), in the same JSON as the rest.
"""

import os

from sprakvan.core.logging import log_level

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that runs longer than this is killed; reports are built in the background.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On HUP (systemctl reload) or TERM, requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# An idle kept-alive connection is closed after this many seconds. It must outlast the
# proxy's own idle limit (deploy/nginx.conf: keepalive_timeout 60s), so the proxy always closes
# first: a connection closed by gunicorn just as nginx sends a request on it costs that request
# (nginx resends a GET, never a POST such as an attendance tick). The load test found it so:
# with 5 s and clients idle 2-8 s, one request in a few thousand got no answer.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycling a worker after this many requests (0: never) guards against a slow leak, but each
# recycle dropped a request or two that arrived on a kept-alive connection as the worker left
# (the load test: 5 of 2,826 requests at 50 users with 2,000). No leak is known: off by default.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Load the application in each worker, so `systemctl reload` (HUP) picks up new code.
preload_app = False
wsgi_app = "config.wsgi:application"

# Nothing here uses gunicornc, and the default socket path is one per user: two servers on one
# host (prod-check beside a test, two sites) would replace each other's.
control_socket_disable = True

accesslog = None
errorlog = "-"
# The same level, read the same way, as Django's LOGGING (config/settings.py): any case, and an
# unknown level stops the master with a message naming LOG_LEVEL rather than each worker later.
_level = log_level(os.environ.get("LOG_LEVEL", "INFO"))
loglevel = _level.lower()

_debug = os.environ.get("DEBUG", "true").lower() in ("1", "true", "yes", "on")
if os.environ.get("LOG_FORMAT", "text" if _debug else "json") == "json":
    # gunicorn's own lines (start, worker boot, timeouts) as JSON lines too. gunicorn replaces
    # its defaults' top-level keys with these (dict.update), so every key it uses is here whole:
    # its default root names a "console" handler this dict would otherwise not define.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "sprakvan.core.logging.JsonFormatter"}},
        "handlers": {
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["error_console"], "level": _level},
        "loggers": {
            "gunicorn.error": {"handlers": ["error_console"], "level": _level, "propagate": False}
        },
    }
