"""The question before cancelling a session, saying who will be told."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from sprakvan.accounts.access import ProgrammeRequest, leader_view
from sprakvan.core.bidi import named
from sprakvan.core.confirm import confirm_page

from ..forms import CancelForm
from ..models import Session
from ..services.reminders import subscribers_of
from .access import get_session_for_user


def cancel_question(request: ProgrammeRequest, session: Session, form: CancelForm) -> HttpResponse:
    """The cancel form inside the question; shown again with its errors when it was refused."""
    when = f"{date_format(session.date, 'l j F')} {session.start_time:%H:%M}"
    details = [_("It shows as cancelled in the public calendar; you can undo it afterwards.")]
    if session.start_moment > timezone.now():
        told = subscribers_of(session.activity).count()
        details.append(
            ngettext(
                "%(count)d person who asked for reminders is told by SMS or e-mail.",
                "%(count)d people who asked for reminders are told by SMS or e-mail.",
                told,
            )
            % {"count": told}
        )
    return confirm_page(
        request,
        title=_("Cancel this session?"),
        consequence=named(
            _("%(activity)s on %(when)s is cancelled."),
            activity=session.activity.title,
            when=when,
        ),
        details=details,
        action=reverse("activities:session_cancel", args=[session.pk]),
        confirm_label=_("Cancel the session"),
        back=reverse("activities:session_attendance", args=[session.pk]),
        form=form,
        status=400 if form.is_bound else 200,
    )


@require_GET
@leader_view
def session_cancel_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    if session.is_cancelled:
        return redirect("activities:session_attendance", pk=session.pk)
    return cancel_question(request, session, CancelForm(edited=session))
