"""Log filters and formats: the level from LOG_LEVEL, JSON lines, no query strings in a line."""

import json
import logging
import re
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(value: str, *, variable: str = "LOG_LEVEL") -> str:
    """`info`, ` Info ` or `INFO` → "INFO"; anything else is an error naming the variable.

    The logging module knows only the upper-case names, and a level it does not know fails
    Django's dictConfig in every gunicorn worker ("Unable to configure root logger").
    """
    level = value.strip().upper()
    if level not in LEVELS:
        raise ImproperlyConfigured(
            f"{variable} must be one of {', '.join(LEVELS)} (any case), not {value!r}."
        )
    return level


QUERY_STRING = re.compile(r"\?[^\s\"']*")


def without_query(text: str) -> str:
    """`GET /participants/?q=0701234567 HTTP/1.1` → `GET /participants/ HTTP/1.1`."""
    return QUERY_STRING.sub("", text)


class StripQueryString(logging.Filter):
    """For the request loggers (`django.server`, `django.request`, gunicorn's access log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = without_query(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


# What must never appear in a log line: e-mail addresses and phone numbers (E.164 or Swedish).
PERSONAL_DATA = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+"
    r"|\+\d{8,15}\b"
    r"|\b0\d{1,3}[- ]?\d{2,3}[- ]?\d{2}[- ]?\d{2}\b"
)


class PersonalDataRecorder(logging.Handler):
    """Keeps every log line that holds an e-mail address or phone number (the suite's guard)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if PERSONAL_DATA.search(text):
            self.found.append(f"{record.name}: {text}")


# Attributes every LogRecord has; anything else on a record came in through `extra=`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line (LOG_FORMAT=json), for any log collector.

    The envelope is time, level, logger and message; plain fields passed with `extra=` (the
    request line's request_id, route, status…) become keys of their own. The message is the same text
    the filters have cleaned, so query strings stay out here too.
    """

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            # Plain values only: django.request passes the request object, whose text holds
            # the query string.
            if key in _RECORD_ATTRIBUTES or key.startswith("_"):
                continue
            if value is None or isinstance(value, str | int | float | bool):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
