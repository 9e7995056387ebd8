"""Production checks of messaging: an SMS must reach a provider, and its answers must reach us."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_sms(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    scheme = urlsplit(settings.SMS_URL).scheme
    if scheme == "console":
        return [
            checks.Warning(
                "SMS_URL is console:// with DEBUG=false: text messages are printed, not sent.",
                hint="Set SMS_URL=elks://USER:PASSWORD@api.46elks.com (see docs/messaging.md).",
                id="messaging.W001",
            )
        ]
    if not settings.SMS_WEBHOOK_TOKEN:
        return [
            checks.Warning(
                "SMS_WEBHOOK_TOKEN is empty: no delivery reports, and a STOP reply withdraws "
                "nothing.",
                hint="Set SMS_WEBHOOK_TOKEN to a long random value and give the provider the "
                "hook addresses (docs/messaging.md).",
                id="messaging.W002",
            )
        ]
    return []
