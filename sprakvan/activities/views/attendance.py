"""The leader's attendance page (phone first, htmx ticks, works without JS) and the printed list."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import ProgrammeRequest, leader_view
from sprakvan.core.audit import log_action
from sprakvan.core.bidi import named
from sprakvan.core.htmx import is_htmx
from sprakvan.core.pdf import html_to_pdf
from sprakvan.participants.models import Participant

from .. import checkin, services
from ..forms import CancelForm, NewPersonForm, SearchForm, WalkInForm
from ..labels import leader_labels
from ..models import WALK_IN_FIELDS, WALK_IN_GROUPS, Session, WalkInCount
from .access import get_session_for_user, is_coordinator

BLANK_ROWS = 12
# WeasyPrint reports every rendering step at INFO; the log is not the place for it.


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    district: str
    present: bool


def _rows(
    session: Session, people: list[Participant], present: set[int], *, full: bool
) -> list[PersonRow]:
    """The people as the user may see them: a coordinator full names, a leader the leader's
    label, told apart from everyone on the activity's lists (the same on screen and paper)."""
    if full:
        names = {p.pk: p.full_name for p in people}
    else:
        listed = services.listed_for(session).only(
            "first_name", "last_name", "birth_year", "district_id"
        )
        names = leader_labels(people, among=listed)
    return [PersonRow(p.pk, names[p.pk], str(p.district or ""), p.pk in present) for p in people]


def _present_ids(session: Session) -> set[int]:
    return set(session.attendances.values_list("participant_id", flat=True))


def _walk_ins(session: Session) -> WalkInCount | None:
    return WalkInCount.objects.filter(session=session).first()


def _tickable(request: ProgrammeRequest, session: Session) -> QuerySet[Participant]:
    """Whom the user may tick: a coordinator anyone current in the programme, a leader only the
    people on the activity's lists (another id is a 404, so it reveals no name)."""
    if is_coordinator(request):
        return Participant.objects.filter(programme=request.programme).current()
    return services.listed_for(session)


def _search_form(*, full: bool, data: QueryDict | None = None) -> SearchForm:
    form = SearchForm(data)
    if not full:
        form.fields["q"].label = _("Find someone who has come before, by name")
    return form


def checkin_url(request: ProgrammeRequest, session: Session) -> str:
    token = checkin.make_token(session.pk)
    return request.build_absolute_uri(
        reverse("activities_public:checkin", args=[request.programme.slug, token])
    )


def _page_context(request: ProgrammeRequest, session: Session, **extra: object) -> dict:
    full = is_coordinator(request)
    present = _present_ids(session)
    regulars = list(services.regulars_of(session).select_related("district"))
    walk_ins = _walk_ins(session)
    walk_in_form = extra.pop("walk_in_form", None) or WalkInForm(
        initial={name: getattr(walk_ins, name) for _g, _s, name in WALK_IN_FIELDS}
        if walk_ins
        else None
    )
    return {
        "session": session,
        "activity": session.activity,
        "leaders": session.activity.leaders.order_by("first_name"),
        "rows": _rows(session, regulars, present, full=full),
        "named_count": len(present),
        "walk_in_count": walk_ins.total if walk_ins else 0,
        "search_form": extra.pop("search_form", None) or _search_form(full=full),
        "new_person_form": extra.pop("new_person_form", None) or NewPersonForm(),
        "walk_in_form": walk_in_form,
        "cancel_form": CancelForm(),
        "is_coordinator": full,
        **extra,
    }


@leader_view
def session_attendance(request: ProgrammeRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    return render(request, "activities/session_attendance.html", _page_context(request, session))


@require_POST
@leader_view
def attendance_tick(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Mark one person present (present=1) or not (present=0); a repeated tick changes nothing."""
    session = get_session_for_user(request, pk)
    participant = get_object_or_404(
        _tickable(request, session).select_related("district"),
        pk=request.POST.get("participant")
        if str(request.POST.get("participant", "")).isdigit()
        else 0,
    )
    if request.POST.get("present") == "1":
        services.record_attendance(session, participant, recorded_by=request.user)
    else:
        services.remove_attendance(session, participant, removed_by=request.user)
    if not is_htmx(request):
        return redirect(
            reverse("activities:session_attendance", args=[session.pk]) + f"#p-{participant.pk}"
        )
    present = _present_ids(session)
    walk_ins = _walk_ins(session)
    row = _rows(session, [participant], present, full=is_coordinator(request))[0]
    return render(
        request,
        "activities/session_attendance.html#tick",
        {
            "session": session,
            "row": row,
            "named_count": len(present),
            "walk_in_count": walk_ins.total if walk_ins else 0,
            "oob": True,
        },
    )


@require_POST
@leader_view
def attendance_search(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Find someone who is not on the list of regulars. POST, so no name lands in a URL.

    The coordinator searches the whole programme by name or phone; a leader finds only people
    who have come to this activity before, and only by name.
    """
    session = get_session_for_user(request, pk)
    full = is_coordinator(request)
    form = _search_form(full=full, data=request.POST)
    results: list[PersonRow] = []
    if form.is_valid() and len(text := form.cleaned_data["q"].strip()) >= 2:
        found = (
            Participant.objects.filter(programme=request.programme).current().search(text)
            if full
            else services.find_on_list(session, text)
        )
        people = list(found.select_related("district").order_by("first_name", "id")[:20])
        results = _rows(session, people, _present_ids(session), full=full)
    if is_htmx(request):
        return render(
            request,
            "activities/session_attendance.html#results",
            {"session": session, "results": results, "searched": True, "is_coordinator": full},
        )
    return render(
        request,
        "activities/session_attendance.html",
        _page_context(request, session, search_form=form, results=results, searched=True),
    )


@require_POST
@leader_view
def walk_ins_save(request: ProgrammeRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "activities/session_attendance.html",
            _page_context(request, session, walk_in_form=form),
            status=400,
        )
    services.set_walk_ins(session, counts=form.cleaned_data, recorded_by=request.user)
    messages.success(request, _("The walk-ins were saved."))
    return redirect(reverse("activities:session_attendance", args=[session.pk]) + "#walk-ins")


@require_POST
@leader_view
def new_person(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Someone new at the door: they are present now; the coordinator completes the rest."""
    session = get_session_for_user(request, pk)
    form = NewPersonForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "activities/session_attendance.html",
            _page_context(request, session, new_person_form=form, new_person_open=True),
            status=400,
        )
    services.add_new_person(
        session,
        group=form.cleaned_data["group"],
        values=form.values(),
        recorded_by=request.user,
    )
    messages.success(
        request,
        named(
            _("%(name)s is present. The coordinator will complete the details."),
            name=form.cleaned_data["first_name"],
        ),
    )
    return redirect("activities:session_attendance", pk=session.pk)


def _print_context(request: ProgrammeRequest, session: Session) -> dict:
    full = is_coordinator(request)
    regulars = list(services.regulars_of(session).select_related("district"))
    url = checkin_url(request, session)
    return {
        "session": session,
        "activity": session.activity,
        "leaders": session.activity.leaders.order_by("first_name"),
        "rows": _rows(session, regulars, _present_ids(session), full=full),
        "blank_rows": range(BLANK_ROWS),
        "checkin_url": url,
        "qr_svg": checkin.qr_svg(url, scale=3),
        "walk_in_groups": [(group.value, label) for group, label in WALK_IN_GROUPS],
    }


@leader_view
def session_print(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The A4 attendance list as a web page with print CSS."""
    session = get_session_for_user(request, pk)
    log_action(
        "activities.attendance_list.printed",
        programme=request.programme,
        actor=request.user,
        target=session,
    )
    return render(request, "activities/session_print.html", _print_context(request, session))


@leader_view
def session_pdf(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The same list as a tagged PDF (PDF/UA-1) made by WeasyPrint."""
    session = get_session_for_user(request, pk)
    html = render_to_string(
        "activities/session_print.html", {**_print_context(request, session), "pdf": True}, request
    )
    pdf = html_to_pdf(html, stylesheets=["activities/print.css"])
    log_action(
        "activities.attendance_list.downloaded",
        programme=request.programme,
        actor=request.user,
        target=session,
        format="pdf",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="attendance-{session.pk}-{session.date:%Y-%m-%d}.pdf"'
    )
    return response


@leader_view
def session_qr(request: ProgrammeRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    response = HttpResponse(
        checkin.qr_svg(checkin_url(request, session), scale=6), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, no-store"
    return response
