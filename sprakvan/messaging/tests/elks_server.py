"""A local HTTP server that speaks the 46elks SMS contract, for tests and the bench.

It checks basic auth and the fields as 46elks does, answers like it, records every request,
and can be told to misbehave for the next requests: 429, 500, hang past the client's read
timeout (then answer, as a slow provider that did take the SMS), close without answering, or
answer 200 with the status "failed".
"""

import base64
import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl

from sprakvan.messaging.segments import sms_parts

Misbehaviour = Literal["429", "500", "hang", "close", "failed"]

# The contract, written out here rather than imported, so that the tests check our client
# against it and not against itself.
E164 = re.compile(r"\+[1-9][0-9]{6,14}")
SENDER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{2,10}")
COST_PER_PART = 3500  # 0.35 SEK in 46elks' unit of 1/10000
USERNAME, PASSWORD = "elks-user", "elks-secret"


class ElksServer:
    def __init__(
        self, *, username: str = USERNAME, password: str = PASSWORD, hang_seconds: float = 2.0
    ) -> None:
        self.username = username
        self.password = password
        self.hang_seconds = hang_seconds
        self._requests: list[dict[str, Any]] = []
        self._misbehave: list[Misbehaviour] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._http.daemon_threads = True
        # A short poll, so that stopping (between tests) takes milliseconds, not half a second.
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._http.server_address[1])

    @property
    def url(self) -> str:
        return f"elks+http://{self.username}:{self.password}@127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request so far: method, path, auth (user, password) or None, form, answer."""
        with self._lock:
            return list(self._requests)

    @property
    def sent(self) -> list[dict[str, Any]]:
        """The requests that 46elks would have taken (answered 200)."""
        return [request for request in self.requests if request["answer"] == 200]

    def fail_next(self, kind: Misbehaviour, n: int = 1) -> None:
        with self._lock:
            self._misbehave.extend([kind] * n)

    def start(self) -> "ElksServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def _next_misbehaviour(self) -> Misbehaviour | None:
        with self._lock:
            return self._misbehave.pop(0) if self._misbehave else None

    def _record(self, request: dict[str, Any]) -> None:
        with self._lock:
            self._requests.append(request)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode()
        form = dict(parse_qsl(body, keep_blank_values=True))
        request: dict[str, Any] = {
            "method": handler.command,
            "path": handler.path,
            "auth": _basic_auth(handler.headers.get("Authorization", "")),
            "form": form,
            "answer": None,
        }
        self._record(request)
        if handler.command != "POST" or handler.path != "/a1/sms":
            request["answer"] = 404
            return _reply(handler, 404, "Not found")
        if request["auth"] != (self.username, self.password):
            request["answer"] = 401
            return _reply(handler, 401, "Authorization failed")
        misbehaviour = self._next_misbehaviour()
        if misbehaviour == "close":
            handler.close_connection = True
            return None
        if misbehaviour in ("429", "500"):
            request["answer"] = int(misbehaviour)
            return _reply(
                handler,
                int(misbehaviour),
                "Too many requests" if misbehaviour == "429" else "Internal error",
            )
        if misbehaviour == "hang" and self._stopping.wait(self.hang_seconds):
            return None
        problem = _problem(form)
        if problem:
            request["answer"] = 400
            return _reply(handler, 400, problem)
        request["answer"] = 200
        parts = sms_parts(form["message"]).parts
        answer = {
            "id": f"s{uuid.uuid4().hex}",
            "status": "failed" if misbehaviour == "failed" else "created",
            "from": form["from"],
            "to": form["to"],
            "message": form["message"],
            "direction": "outgoing",
            "created": datetime.now(UTC).isoformat(),
            "parts": parts,
            "cost": parts * COST_PER_PART,
        }
        request["id"] = answer["id"]
        return _reply(handler, 200, json.dumps(answer), content_type="application/json")


def _problem(form: dict[str, str]) -> str:
    for key in ("from", "to", "message"):
        if not form.get(key):
            return f"Missing key {key}"
    if not E164.fullmatch(form["to"]):
        return "Invalid to number"
    sender = form["from"]
    if not (E164.fullmatch(sender) or SENDER_NAME.fullmatch(sender)):
        return "Invalid from sender"
    return ""


def _basic_auth(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(encoded).decode().partition(":")
    except ValueError:
        return None
    return user, password


def _reply(
    handler: BaseHTTPRequestHandler, status: int, body: str, *, content_type: str = "text/plain"
) -> None:
    data = body.encode()
    handler.send_response(status)
    handler.send_header("Content-Type", f"{content_type}; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _handler_for(server: ElksServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            server.answer(self)

        def do_GET(self) -> None:
            server.answer(self)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test output is not the place for request lines."""

    return Handler


@contextmanager
def running_elks_server(**options: Any) -> Iterator[ElksServer]:
    """Start a server, yield it, stop it (the body of the `elks_server` fixture, and the bench's)."""
    server = ElksServer(**options).start()
    try:
        yield server
    finally:
        server.stop()
