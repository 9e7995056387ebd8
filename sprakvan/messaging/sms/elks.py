"""The 46elks backend: `POST {base}/a1/sms` with HTTP basic auth, a JSON answer.

Every failure is sorted by one question: could the provider have accepted the SMS? No
connection or HTTP 429: surely not (SmsNotSent, may retry). Any other 4xx: refused for good
(SmsRejected). A 5xx, a read timeout, a dropped or unreadable answer: perhaps (SmsUnknown,
never resent automatically, or the participant could get it twice).
"""

from typing import Any

import httpx

from sprakvan.messaging.sms.base import SmsNotSent, SmsRejected, SmsResult, SmsUnknown

# The request surely did not reach the provider whole: nothing can have been sent.
NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
    httpx.UnsupportedProtocol,
)
# How much of a refusal's text to keep: enough to read, never a whole page.
ERROR_TEXT_LIMIT = 200


class ElksBackend:
    def __init__(
        self,
        *,
        base_url: str,
        username: str,
        password: str,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
    ) -> None:
        self.endpoint = base_url.rstrip("/") + "/a1/sms"
        # No keep-alive: a pooled connection that the server has just closed fails like an
        # answer lost after sending, and would turn a plain retry into an "unknown".
        self.client = httpx.Client(
            auth=(username, password),
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            limits=httpx.Limits(max_keepalive_connections=0),
            follow_redirects=False,
        )

    def send(
        self, *, sender: str, to: str, text: str, delivery_url: str | None = None
    ) -> SmsResult:
        fields = {"from": sender, "to": to, "message": text}
        if delivery_url:
            fields["whendelivered"] = delivery_url
        try:
            response = self.client.post(self.endpoint, data=fields)
        except NOT_SENT_ERRORS as error:
            raise SmsNotSent(f"46elks not reached: {type(error).__name__}") from error
        except httpx.TransportError as error:
            raise SmsUnknown(f"46elks answer lost: {type(error).__name__}") from error
        return self._result(response)

    def _result(self, response: httpx.Response) -> SmsResult:
        status = response.status_code
        if status == httpx.codes.TOO_MANY_REQUESTS:
            raise SmsNotSent("46elks: too many requests (429)")
        if 400 <= status < 500:
            raise SmsRejected(f"46elks refused ({status}): {response.text[:ERROR_TEXT_LIMIT]}")
        if status != httpx.codes.OK:
            raise SmsUnknown(f"46elks answered {status}")
        try:
            answer: Any = response.json()
            result = SmsResult(
                provider_id=str(answer["id"]),
                status=str(answer["status"]),
                parts=int(answer.get("parts", 1)),
                cost=int(answer["cost"]) if answer.get("cost") is not None else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise SmsUnknown("46elks answer unreadable") from error
        if result.status == "failed":
            raise SmsRejected("46elks: the SMS failed at once")
        return result
