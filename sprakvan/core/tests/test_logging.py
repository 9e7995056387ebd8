"""Searches by phone or name never reach a log line; the suite's guard catches what would."""

import logging

from sprakvan.core.logging import PERSONAL_DATA, PersonalDataRecorder, without_query


def test_a_request_line_loses_its_query_string() -> None:
    line = "GET /participants/?q=0701234567&status=waiting HTTP/1.1"

    assert without_query(line) == "GET /participants/ HTTP/1.1"


def test_the_development_server_log_has_no_query_string(caplog: object) -> None:
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    keep = Keep()
    server = logging.getLogger("django.server")
    server.addHandler(keep)
    try:
        # The shape runserver logs a request in (django.core.servers.basehttp).
        server.info('"%s" %s %s', "GET /participants/?q=anna%40example.org HTTP/1.1", "200", "512")
    finally:
        server.removeHandler(keep)

    assert records == ['"GET /participants/ HTTP/1.1" 200 512']


def test_the_guard_recognises_phone_numbers_and_e_mail_addresses() -> None:
    for text in ["+46701234567", "070-123 45 67", "0701234567", "anna.b@example.org"]:
        assert PERSONAL_DATA.search(f"found {text} here"), text
    for text in ["participant 1234 viewed", "2019-10-31 18:00", "GET /participants/42/ 200"]:
        assert not PERSONAL_DATA.search(text), text


def test_the_guard_records_a_log_line_with_a_phone_number() -> None:
    recorder = PersonalDataRecorder()
    logger = logging.getLogger("sprakvan.test")
    logger.addHandler(recorder)
    logger.propagate = False  # kept from the suite's own guard, which would fail this test
    try:
        logger.warning("sent to %s", "+46701234567")
        logger.warning("sent to participant %s", 17)
    finally:
        logger.removeHandler(recorder)
        logger.propagate = True

    assert recorder.found == ["sprakvan.test: sent to +46701234567"]
