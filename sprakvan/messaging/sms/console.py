"""The development SMS backend: prints each SMS to standard output, like Django's console mail."""

import sys
import uuid
from typing import TextIO

from django.utils.translation import gettext

from sprakvan.messaging.segments import sms_parts
from sprakvan.messaging.sms.base import SmsRejected, SmsResult, check_sender, is_e164


class ConsoleBackend:
    """Checks what the provider would check, then prints instead of sending.

    It writes to standard output, not to the log: the phone number belongs on the developer's
    screen, never in a server log.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(
        self, *, sender: str, to: str, text: str, delivery_url: str | None = None
    ) -> SmsResult:
        try:
            check_sender(sender)
        except ValueError as error:
            raise SmsRejected(str(error)) from error
        if not is_e164(to):
            raise SmsRejected(gettext("The recipient's number is not in international form."))
        counted = sms_parts(text)
        provider_id = f"console-{uuid.uuid4()}"
        stream = self.stream or sys.stdout
        stream.write(
            f"SMS {provider_id}\nFrom: {sender}\nTo: {to}\n"
            f"Parts: {counted.parts} ({counted.encoding}, {counted.characters})\n"
            f"{text}\n{'-' * 72}\n"
        )
        stream.flush()
        return SmsResult(provider_id=provider_id, status="sent", parts=counted.parts, cost=None)
