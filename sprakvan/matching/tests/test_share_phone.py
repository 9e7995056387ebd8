"""Sharing phone numbers on the introduction: asked on the call, given only when both agreed."""

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sprakvan.core.concurrency import version_of
from sprakvan.matching.models import CallRecord, Pair
from sprakvan.matching.services import MatchingError, record_call
from sprakvan.messaging.models import Kind, Message
from sprakvan.participants.consents import give_consent
from sprakvan.participants.models import Channel, ConsentPurpose, Participant

# "Today" is read by the test and the code: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _agrees_to_sms(*people: Participant) -> None:
    for person in people:
        give_consent(
            person,
            purpose=ConsentPurpose.MESSAGES,
            channel=Channel.SMS,
            text_version="2026-01",
            at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
        )


def _both_agree(
    pair: Pair, coordinator: Any, *, shares: dict[str, bool]
) -> dict[int | None, Message]:
    """Both sides agree today, each sharing their phone or not; the introductions by person."""
    _agrees_to_sms(pair.newcomer, pair.established)
    for side in ("newcomer", "established"):
        record_call(
            pair,
            side=side,
            outcome=CallRecord.Outcome.AGREES,
            called_on=timezone.localdate(),
            share_phone=shares[side],
            recorded_by=coordinator,
        )
    pair.refresh_from_db()
    assert pair.state == Pair.State.ACTIVE
    return {m.participant_id: m for m in Message.objects.filter(kind=Kind.INTRODUCTION)}


def _numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\+\d{8,15}", text))


def test_when_only_one_agrees_to_share_neither_gets_a_phone_number(
    proposed_pair: Pair, coordinator: Any
) -> None:
    newcomer, volunteer = proposed_pair.newcomer, proposed_pair.established

    sent = _both_agree(proposed_pair, coordinator, shares={"newcomer": True, "established": False})

    assert set(sent) == {newcomer.pk, volunteer.pk}
    for message, friend in [(sent[newcomer.pk], volunteer), (sent[volunteer.pk], newcomer)]:
        assert str(friend.phone.national_number) not in message.body
        # No number at all (the stop line of a programme sending from a number names none).
        assert _numbers_in(message.body) == set()


def test_when_both_agree_to_share_each_gets_the_others_number(
    proposed_pair: Pair, coordinator: Any
) -> None:
    newcomer, volunteer = proposed_pair.newcomer, proposed_pair.established
    newcomer.preferred_language = "ar"
    newcomer.save()

    sent = _both_agree(proposed_pair, coordinator, shares={"newcomer": True, "established": True})

    to_nadia, to_erik = sent[newcomer.pk], sent[volunteer.pk]
    assert newcomer.phone != volunteer.phone
    assert _numbers_in(to_nadia.body) == {volunteer.phone.as_e164}
    assert _numbers_in(to_erik.body) == {newcomer.phone.as_e164}
    assert to_nadia.language == "ar" and "رقم الهاتف" in to_nadia.body


def test_a_later_call_without_sharing_takes_the_yes_back(
    proposed_pair: Pair, coordinator: Any
) -> None:
    today = timezone.localdate()
    record_call(
        proposed_pair,
        side="newcomer",
        outcome=CallRecord.Outcome.AGREES,
        called_on=today,
        share_phone=True,
        recorded_by=coordinator,
    )
    # Called again the same day: still agrees, but no longer wants the number shared.
    record_call(
        proposed_pair,
        side="newcomer",
        outcome=CallRecord.Outcome.AGREES,
        called_on=today,
        share_phone=False,
        recorded_by=coordinator,
    )
    proposed_pair.refresh_from_db()
    sent = _both_agree(proposed_pair, coordinator, shares={"newcomer": False, "established": True})

    assert all(_numbers_in(m.body) == set() for m in sent.values())


def test_only_someone_who_agrees_can_share_their_phone(
    proposed_pair: Pair, coordinator: Any
) -> None:
    with pytest.raises(MatchingError):
        record_call(
            proposed_pair,
            side="newcomer",
            outcome=CallRecord.Outcome.NO_ANSWER,
            called_on=timezone.localdate(),
            share_phone=True,
            recorded_by=coordinator,
        )
    assert not CallRecord.objects.exists()


def _call_form(pair: Pair, **values: str) -> dict[str, str]:
    return {
        "call-side": "established",
        "call-outcome": "agrees",
        "call-called_on": "2019-06-03",
        "call-version": version_of(pair),
    } | values


def test_the_call_form_records_sharing_the_phone(
    client_for: Any, coordinator: Any, proposed_pair: Pair
) -> None:
    response = client_for(coordinator).post(
        reverse("matching:pair_call", args=[proposed_pair.pk]),
        _call_form(proposed_pair, **{"call-share_phone": "on"}),
    )

    assert response.status_code == 302
    call = CallRecord.objects.get()
    assert (call.side, call.outcome, call.share_phone) == ("established", "agrees", True)


def test_the_call_form_keeps_what_was_typed_when_sharing_is_refused(
    client_for: Any, coordinator: Any, proposed_pair: Pair
) -> None:
    response = client_for(coordinator).post(
        reverse("matching:pair_call", args=[proposed_pair.pk]),
        _call_form(proposed_pair, **{"call-outcome": "no_answer", "call-share_phone": "on"}),
    )

    assert response.status_code == 400
    assert not CallRecord.objects.exists()
    form = response.context["call_form"]
    assert "share_phone" in form.errors
    page = response.content.decode()
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        refusal = gettext("Only a person who agrees to the pair can share their phone number.")
    assert refusal in page
    checkbox = re.search(r'<input[^>]*name="call-share_phone"[^>]*>', page)
    assert checkbox is not None and "checked" in checkbox.group(0)
    assert re.search(r'<option value="no_answer"[^>]*selected', page)
    assert 'value="2019-06-03"' in page
