"""Production checks: a printed SMS or deaf provider hooks are reported with DEBUG off."""

import pytest
from django.test import override_settings

from sprakvan.messaging.checks import check_sms


def ids(**overrides: object) -> list[str]:
    with override_settings(**overrides):
        return [message.id or "" for message in check_sms()]


def test_a_printed_sms_is_reported_in_production() -> None:
    assert ids(DEBUG=False, SMS_URL="console://") == ["messaging.W001"]


def test_a_provider_without_hook_token_is_reported_in_production() -> None:
    provider = "elks://user:secret@api.46elks.com"
    assert ids(DEBUG=False, SMS_URL=provider, SMS_WEBHOOK_TOKEN="") == ["messaging.W002"]
    assert ids(DEBUG=False, SMS_URL=provider, SMS_WEBHOOK_TOKEN="a-long-secret") == []


@pytest.mark.parametrize("url", ["console://", "elks://user:secret@api.46elks.com"])
def test_development_is_never_reported(url: str) -> None:
    assert ids(DEBUG=True, SMS_URL=url, SMS_WEBHOOK_TOKEN="") == []
