"""The check-in answer page: a person opens the link of their check-in message, no login."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from sprakvan.accounts.access import get_programme_or_404

from ..forms import CheckInAnswerForm
from ..models import CheckInAnswer, Pair
from ..services.check_ins import MONTH_KINDS, read_check_in_token, record_check_in_answer

TEMPLATE = "matching/check_in.html"


def _language(code: str) -> str:
    known = {language for language, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, programme_slug: str, token: str) -> HttpResponse:
    """GET shows the three answers and changes nothing (link scanners open links); POST
    records the answer. The page speaks the person's language."""
    programme = get_programme_or_404(programme_slug)
    link = read_check_in_token(token)
    if link is None:
        return render(
            request, TEMPLATE, {"programme": programme, "link_error": "invalid"}, status=400
        )
    pair = (
        Pair.objects.filter(programme=programme, pk=link.pair_id)
        .select_related("newcomer", "established")
        .first()
    )
    if pair is None or link.participant_id not in (pair.newcomer_id, pair.established_id):
        raise Http404
    person, friend = (
        (pair.newcomer, pair.established)
        if link.participant_id == pair.newcomer_id
        else (pair.established, pair.newcomer)
    )
    if person.erased_at is not None:  # an erased person's links stop working (privacy)
        raise Http404
    with translation.override(_language(person.preferred_language)):
        context = {
            "programme": programme,
            "person": person,
            "friend": friend,
            "months": link.months,
            "token": token,
        }
        if link.expired:
            return render(request, TEMPLATE, {**context, "link_error": "expired"}, status=400)
        previous = CheckInAnswer.objects.filter(
            follow_up__pair=pair, follow_up__kind=MONTH_KINDS[link.months], participant=person
        ).first()
        form = CheckInAnswerForm(
            request.POST or None, initial={"comment": previous.comment if previous else ""}
        )
        if request.method == "POST":
            if not form.is_valid():
                return render(request, TEMPLATE, {**context, "form": form}, status=400)
            saved = record_check_in_answer(
                pair,
                person,
                months=link.months,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
            )
            return render(request, TEMPLATE, {**context, "done": saved})
        return render(request, TEMPLATE, {**context, "form": form, "previous": previous})
