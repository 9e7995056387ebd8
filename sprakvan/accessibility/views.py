"""The accessibility statement with its report form (public), the statement without a programme
in the address, and the coordinator's list of reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    current_memberships,
    get_programme_or_404,
    get_scoped,
    scoped,
)
from sprakvan.core.bidi import named
from sprakvan.core.confirm import confirm_page
from sprakvan.core.models import Programme
from sprakvan.core.throttle import client_address, hit

from .forms import ReportForm, page_on_our_site
from .models import AccessibilityReport
from .services import mark_handled, receive_report
from .statement import DIGG_REPORT_URL, statement_for

# Reports one connection may send to one programme in an hour (a person with a real problem
# sends one or two; more is a script).
REPORTS_PER_HOUR = 5
PAGE_SIZE = 50


def _throttled(request: HttpRequest, programme: Programme) -> bool:
    key = f"accessibility:report:{programme.slug}:{client_address(request)}"
    return hit(key) > REPORTS_PER_HOUR


@require_http_methods(["GET", "POST"])
def statement(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The statement; its form reports a problem and comes back here with a thank-you."""
    programme = get_programme_or_404(programme_slug)
    host = request.get_host()
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST, host=host)
        if form.is_valid():
            if _throttled(request, programme):
                form.add_error(
                    None,
                    _(
                        "We received many reports from your connection. Please try again in "
                        "an hour, or contact us."
                    ),
                )
                status = 429
            else:
                data = form.cleaned_data
                # A filled honeypot gets the same thank-you, so bots learn nothing.
                if not data["website"]:
                    receive_report(
                        programme=programme,
                        description=data["description"],
                        page=data["page"],
                        contact=data["contact"],
                    )
                messages.success(
                    request, _("Thank you. We have received your report and will look at it.")
                )
                return redirect("accessibility_public:statement", programme_slug=programme.slug)
    else:
        # A link from a page may name it (?sida=/path/): only a page of this site is taken.
        page = page_on_our_site(request.GET.get("sida", ""), host=host) or ""
        form = ReportForm(initial={"page": page}, host=host)
    return render(
        request,
        "accessibility/statement.html",
        {
            "programme": programme,
            "statement": statement_for(programme),
            "form": form,
            "digg_report_url": DIGG_REPORT_URL,
        },
        status=status,
    )


@require_GET
def statement_index(request: HttpRequest) -> HttpResponse:
    """/tillganglighet/: staff go to their programme's statement, and so does everyone when
    there is one programme; with several, a list to choose from."""
    current = current_memberships(request)
    if current:
        return redirect("accessibility_public:statement", programme_slug=current[0].programme.slug)
    programmes = list(Programme.objects.active().order_by("name"))
    if len(programmes) == 1:
        return redirect("accessibility_public:statement", programme_slug=programmes[0].slug)
    return render(request, "accessibility/statement_index.html", {"programmes": programmes})


@require_GET
@coordinator_view
def report_list(request: ProgrammeRequest) -> HttpResponse:
    """Every report, those not handled first; ?status=open (the home's count) only those."""
    only_open = request.GET.get("status") == "open"
    reports = AccessibilityReport.objects.open() if only_open else AccessibilityReport.objects.all()
    shown = scoped(reports.open_first().select_related("handled_by"), request)
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accessibility/report_list.html",
        {
            "page": page,
            "open_count": scoped(AccessibilityReport.objects.open(), request).count(),
            "only_open": only_open,
            "query": "status=open" if only_open else "",
        },
    )


def _when(report: AccessibilityReport) -> str:
    """When the report came, as the list names it."""
    return formats.date_format(timezone.localtime(report.created_at), "Y-m-d H:i")


@require_GET
@coordinator_view
def report_handle_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    report = get_scoped(AccessibilityReport.objects.all(), request, pk=pk)
    if report.is_handled:
        messages.info(request, _("This report is handled already."))
        return redirect("accessibility:report_list")
    details = [_("Answer the person first, if they left a way to answer.")]
    return confirm_page(
        request,
        title=_("Mark this report as handled?"),
        consequence=named(
            _(
                "The report of %(date)s is marked as handled. Its e-mail address or phone "
                "number is deleted. This cannot be undone."
            ),
            date=_when(report),
        ),
        details=details if report.contact else [],
        action=reverse("accessibility:report_handle", args=[report.pk]),
        confirm_label=_("Mark as handled"),
        back=reverse("accessibility:report_list"),
    )


@require_POST
@coordinator_view
def report_handle(request: ProgrammeRequest, pk: int) -> HttpResponse:
    report = get_scoped(AccessibilityReport.objects.all(), request, pk=pk)
    mark_handled(report, handled_by=request.user)
    messages.success(
        request, named(_("The report of %(date)s is marked as handled."), date=_when(report))
    )
    return redirect("accessibility:report_list")
