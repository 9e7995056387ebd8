"""The coordinator's outbox: every message of the programme, what it cost, and the two things
she can do to one (cancel it, send it again)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped, scoped
from sprakvan.core.models import Programme
from sprakvan.participants.models import Channel

from ..forms import OutboxFilterForm
from ..models import Message
from ..services.staff import CANCELLABLE, RETRIABLE, NotAllowed, cancel_message, retry_message

PAGE_SIZE = 50
# 46elks gives the cost in 1/10000 of a krona.
COST_UNITS_PER_KRONA = 10000
# The reason codes of the outbox, in words. A code missing here is shown as it is.
REASONS = {
    "no_consent": _("No consent for this channel"),
    "consent_outdated": _("Paused: the person has not agreed to the new privacy notice yet"),
    "left": _("The person has left the programme"),
    "erased": _("The person was erased"),
    "kind_off": _("This kind of message is switched off"),
    "no_address": _("No phone number or e-mail address"),
    "no_sender": _("The programme has no SMS sender"),
    "quiet_hours": _("Held for the quiet hours"),
    "budget": _("Held: the day's SMS budget is spent"),
    "not_sent": _("Could not reach the provider"),
    "rejected": _("Refused by the provider"),
    "not_delivered": _("Not delivered to the phone"),
    "provider_unclear": _("The provider's answer was unclear: it may have been sent"),
    "stale": _("The send never finished: it may have been sent"),
    "cancelled_by_staff": _("Cancelled by staff"),
}
# SMS that reached the provider (or may have): they count in the month's parts and cost.
SPENT = [
    Message.Status.SENDING,
    Message.Status.SENT,
    Message.Status.DELIVERED,
    Message.Status.UNKNOWN,
    Message.Status.FAILED,
]


@dataclass(frozen=True)
class Row:
    message: Message
    reason: str
    kronor: Decimal | None
    can_cancel: bool
    can_retry: bool


@dataclass(frozen=True)
class MonthSms:
    month: datetime.date
    parts: int
    kronor: Decimal


def kronor(cost: int | None) -> Decimal | None:
    return None if cost is None else Decimal(cost) / COST_UNITS_PER_KRONA


def reason_text(code: str) -> str:
    return str(REASONS.get(code, code))


def month_sms(programme: Programme, month: datetime.date) -> MonthSms:
    """The SMS parts and cost of one calendar month (Swedish time) of the programme."""
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
    totals = (
        Message.objects.filter(programme=programme, channel=Channel.SMS, status__in=SPENT)
        .filter(sending_at__gte=start, sending_at__lt=end)
        .exclude(status=Message.Status.FAILED, cost__isnull=True)
        .aggregate(parts=Sum("parts"), cost=Sum("cost"))
    )
    return MonthSms(month, totals["parts"] or 0, kronor(totals["cost"] or 0) or Decimal(0))


@coordinator_view
def outbox(request: ProgrammeRequest) -> HttpResponse:
    all_messages = scoped(Message.objects.all(), request)
    form = OutboxFilterForm(request.GET or None)
    chosen = form.apply(all_messages.select_related("participant"))
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        Row(
            message=message,
            reason=reason_text(message.reason) if message.reason else "",
            kronor=kronor(message.cost),
            can_cancel=message.status in CANCELLABLE,
            can_retry=message.status in RETRIABLE and message.participant_id is not None,
        )
        for message in page
    ]
    troubles = dict(
        all_messages.filter(status__in=[Message.Status.FAILED, Message.Status.UNKNOWN])
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "messaging/outbox.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "failed": troubles.get(Message.Status.FAILED, 0),
            "unknown": troubles.get(Message.Status.UNKNOWN, 0),
            # The daily SMS budget is spent: the coordinator is told how many wait for tomorrow.
            "over_budget": all_messages.filter(status=Message.Status.HELD, reason="budget").count(),
            "months": [
                month_sms(request.programme, this_month),
                month_sms(request.programme, last_month),
            ],
        },
    )


@require_POST
@coordinator_view
def message_cancel(request: ProgrammeRequest, pk: int) -> HttpResponse:
    message = get_scoped(Message.objects.all(), request, pk=pk)
    try:
        cancel_message(message, cancelled_by=request.user)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The message was cancelled; it will not be sent."))
    return _back_to_outbox(request)


@require_POST
@coordinator_view
def message_retry(request: ProgrammeRequest, pk: int) -> HttpResponse:
    message = get_scoped(Message.objects.all(), request, pk=pk)
    try:
        retry = retry_message(message, retried_by=request.user)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        if retry.status == Message.Status.CANCELLED:
            messages.warning(
                request,
                _("A new message was made but cannot be sent: %(reason)s.")
                % {"reason": reason_text(retry.reason)},
            )
        else:
            messages.success(request, _("The message will be sent again, as a new message."))
    return _back_to_outbox(request)


def _back_to_outbox(request: ProgrammeRequest) -> HttpResponse:
    """To the outbox page the button was on (its filters kept), never to another site."""
    query = QueryDict(request.POST.get("query", "")).urlencode()
    response = redirect("messaging:outbox")
    if query:
        response["Location"] += "?" + query
    return response
