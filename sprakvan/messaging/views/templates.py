"""The coordinator's message templates: which kinds and languages have the programme's own
text, and the editor with a preview on a real participant."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, scoped
from sprakvan.core.concurrency import EditConflict
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant, Status

from ..defaults import VARIABLES
from ..forms import TemplateForm
from ..models import Kind, MessageTemplate
from ..rendering import Rendered, render_text, template_for
from ..segments import sms_parts
from ..services.notify import how_to_stop
from ..services.outbox import settings_for
from ..services.staff import reset_template, save_template

WARN_ABOVE_PARTS = 2


def template_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


@coordinator_view
def template_list(request: ProgrammeRequest) -> HttpResponse:
    changed = set(scoped(MessageTemplate.objects.all(), request).values_list("kind", "language"))
    languages = template_languages()
    rows = [
        (kind, label, [(code, name, (kind, code) in changed) for code, name in languages])
        for kind, label in Kind.choices
    ]
    return render(request, "messaging/template_list.html", {"rows": rows, "languages": languages})


@coordinator_view
def template_edit(request: ProgrammeRequest, kind: str, language: str) -> HttpResponse:
    languages = dict(template_languages())
    if kind not in Kind.values or language not in languages:
        raise Http404
    own = scoped(MessageTemplate.objects.all(), request).filter(kind=kind, language=language)
    existing = own.first()
    subject, body = template_for(request.programme, kind, language)
    form = TemplateForm(
        request.POST or None,
        kind=kind,
        edited=existing,
        initial={"subject": subject, "body": body},
    )
    action = request.POST.get("action", "")
    preview: Rendered | None = None
    stop_line = ""
    person: Participant | None = None
    status = 200
    if request.method == "POST" and action == "reset":
        if reset_template(
            programme=request.programme, kind=kind, language=language, reset_by=request.user
        ):
            messages.success(request, _("The template is back to the default text."))
        return redirect("messaging:template_edit", kind=kind, language=language)
    if request.method == "POST" and form.is_valid():
        if action == "save":
            try:
                save_template(
                    programme=request.programme,
                    kind=kind,
                    language=language,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    saved_by=request.user,
                    version=form.loaded_version,
                )
            except EditConflict as conflict:
                form.show_conflict(conflict)
                status = 409
            else:
                messages.success(request, _("The template was saved."))
                return redirect("messaging:template_list")
        else:
            person = preview_person(request.programme)
            preview = render_text(
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                context=preview_context(request.programme, person, kind=kind, language=language),
            )
            stop_line = how_to_stop(settings_for(request.programme), language)
    # Counted as `notify` sends it: every SMS ends with the line on how to stop.
    parts = sms_parts(f"{preview.text}\n{stop_line}") if preview is not None else None
    return render(
        request,
        "messaging/template_form.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": Kind(kind).label,
            "language": language,
            "language_name": languages[language],
            "is_changed": existing is not None,
            "variables": VARIABLES.get(kind, []),
            "preview": preview,
            "preview_person": person,
            "stop_line": stop_line,
            "parts": parts,
            "too_long": parts is not None and parts.parts > WARN_ABOVE_PARTS,
            "rtl": translation.get_language_info(language)["bidi"],
        },
        status=status,
    )


def preview_person(programme: Programme) -> Participant | None:
    """The first active participant of the programme: the preview shows their real name."""
    return (
        Participant.objects.current()
        .filter(programme=programme)
        .exclude(status=Status.LEFT)
        .order_by("pk")
        .first()
    )


def preview_context(
    programme: Programme, person: Participant | None, *, kind: str, language: str
) -> dict[str, object]:
    """The values a message of this kind gets, as ready strings in its language: the real
    person's name and the programme, example values for the rest."""
    with translation.override(language):
        day = timezone.localdate() + datetime.timedelta(days=7)
        earlier = day - datetime.timedelta(days=1)
        examples: dict[str, object] = {
            "first_name": person.first_name if person else _("Amal"),
            "programme": programme.name,
            "friend_first_name": _("Sara"),
            "friend_phone": "+46701234567",
            "activity": _("Language café"),
            "date": formats.date_format(day, "l j E"),
            "time": "17:00",
            "old_date": formats.date_format(earlier, "l j E"),
            "old_time": "18:00",
            "place": _("The city library, Main street 1"),
            "cancelled": False,
            "link": settings.SITE_URL.rstrip("/") + f"/{programme.slug}/svar/…/",
            "activities": _("Language café, Monday 17:00"),
            "coordinator_phone": "",
            "text": _("The language café is closed on Monday. Welcome back next week!"),
        }
    names = {name.rstrip("?") for name in VARIABLES.get(kind, [])}
    return {name: value for name, value in examples.items() if name in names}
