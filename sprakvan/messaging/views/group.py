"""The coordinator's message to a chosen group: filter, write, preview, confirm.

The first POST ("preview") shows who would get what and a confirm button carrying a signed
token of exactly that: the filters, the texts and the people. Confirming with anything changed
shows the new preview instead; confirming the same page twice sends once (the token is kept
on the `GroupMessage`).
"""

from __future__ import annotations

import hashlib
import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view
from sprakvan.participants.models import Participant

from ..forms import GroupMessageForm
from ..models import Kind
from ..rendering import template_for
from ..services.group import SMS_PART_PRICE_ORE, Summary, audience, send_group_message, summarise

SALT = "messaging.group"


def digest(filters: dict[str, str], texts: dict[str, str], people: list[Participant]) -> str:
    """What the preview showed, in one value: a confirm must match it."""
    shown = json.dumps(
        {"filters": filters, "texts": texts, "people": [p.pk for p in people]}, sort_keys=True
    )
    return hashlib.sha256(shown.encode()).hexdigest()


def new_token(shown: str) -> str:
    return signing.dumps({"id": uuid.uuid4().hex, "shown": shown}, salt=SALT)


def confirmed_id(token: str, shown: str) -> str | None:
    """The token's id when it was made for exactly this preview, else None."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("shown") != shown:
        return None
    found = value.get("id")
    return found if isinstance(found, str) else None


@coordinator_view
def group_new(request: ProgrammeRequest) -> HttpResponse:
    programme = request.programme
    form = GroupMessageForm(request.POST or None, programme=programme)
    summary: Summary | None = None
    token = ""
    if request.method == "POST" and form.is_valid():
        filters, texts = form.filters(), form.texts()
        people = list(audience(programme, filters).select_related("programme"))
        summary = summarise(programme, people, texts)
        shown = digest(filters, texts, people)
        action = request.POST.get("action", "preview")
        if action == "confirm" and summary.ready:
            token_id = confirmed_id(form.cleaned_data["token"], shown)
            if token_id is None:
                messages.warning(
                    request,
                    _(
                        "The text or the people changed since the preview. Check what will "
                        "be sent now, and confirm again."
                    ),
                )
            else:
                group, created = send_group_message(
                    programme=programme,
                    people=people,
                    texts=texts,
                    filters=filters,
                    token=token_id,
                    sent_by=request.user,
                )
                if created:
                    messages.success(
                        request,
                        _("The message to %(count)d people is in the outbox.")
                        % {"count": group.count},
                    )
                else:
                    messages.info(request, _("This message was sent already; nothing more."))
                return redirect(reverse("messaging:outbox") + f"?kind={Kind.GROUP}")
        if summary.ready:
            token = new_token(shown)
        names = dict(settings.LANGUAGES)
        for language in summary.missing:
            count = summary.languages[language]
            error = _(
                "%(count)d of the people get their messages in %(language)s: write the text "
                "in %(language)s too."
            ) % {"count": count, "language": names.get(language, language)}
            if f"text_{language}" in form.fields:
                form.add_error(f"text_{language}", error)
            else:
                form.add_error(None, error)
    languages = dict(settings.LANGUAGES)

    def bidi(code: str) -> bool:
        return code in languages and bool(translation.get_language_info(code)["bidi"])

    frames = [
        (code, name, template_for(programme, Kind.GROUP, code)[1], bidi(code))
        for code, name in settings.LANGUAGES
    ]
    return render(
        request,
        "messaging/group_form.html",
        {
            "form": form,
            "summary": summary,
            "token": token,
            "frames": frames,
            "language_counts": [
                (languages.get(code, code), count)
                for code, count in sorted(summary.languages.items())
            ]
            if summary
            else [],
            "previews": [
                (preview, languages.get(preview.language, preview.language), bidi(preview.language))
                for preview in summary.previews
            ]
            if summary
            else [],
            "variable_text": "{{ text }}",
            "variable_first_name": "{{ first_name }}",
            "variable_programme": "{{ programme }}",
            "price_ore": SMS_PART_PRICE_ORE,
            "cost_kronor": summary.cost_ore / 100 if summary else 0,
        },
    )
