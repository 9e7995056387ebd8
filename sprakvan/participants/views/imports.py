"""The import's help in the app and its template (CSV and XLSX), both made from the importer's
own column list, so the page, the file and the importer cannot disagree."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view

from ..choices import INTERESTS
from ..importer import COLUMNS, REQUIRED, SWEDISH_HEADERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COLUMN_HELP: dict[str, Promise] = {
    "external_id": _("The person's id in the earlier list; each id once in the file."),
    "group": _("nyanländ or etablerad (newcomer or established also work)."),
    "first_name": _("First name."),
    "last_name": _("Last name."),
    "gender": _("kvinna, man, annat or vill inte säga; empty means not said."),
    "birth_year": _("Four digits, like 1990."),
    "phone": _("Any common way of writing it, like 070-123 45 67 or +46701234567."),
    "email": _("An e-mail address."),
    "district": _("The name of one of the programme's districts, as written here."),
    "languages": _("Language codes separated by ;, like ar;en."),
    "registered_on": _("The day the person signed up, written 2024-03-31."),
    "interests": _("Separated by ;, from: %(interests)s."),
    "availability": _("Weekday and part of day separated by ;, like mon-evening;sat-morning."),
    "swedish_level": _("1 (just started) to 5 (fluent)."),
    "wish_gender": _("Empty, woman or man: whom the person would like to meet."),
    "wish_age_min": _("The youngest age the person would like to meet, in years."),
    "wish_age_max": _("The oldest age the person would like to meet, in years."),
    "is_family": _("ja or nej: signs up as a family."),
    "accepts_family": _("ja or nej: would meet a family."),
    "capacity": _("1 to 10: how many newcomers a volunteer can meet; 1 if empty."),
    "source": _("self_registration, referral, fair, import or staff; import if empty."),
    "status": _("waiting, matched, paused or left; waiting if empty."),
    "notes": _("Notes for the coordinators."),
}


def template_headers(language: str | None) -> list[str]:
    """The importer's columns, named in Swedish for a Swedish page (the importer reads both)."""
    if not (language or "").startswith("sv"):
        return list(COLUMNS)
    swedish: dict[str, str] = {}
    for header, column in SWEDISH_HEADERS.items():
        swedish.setdefault(column, header)
    return [swedish.get(column, column) for column in COLUMNS]


@coordinator_view
def import_help(request: ProgrammeRequest) -> HttpResponse:
    headers = dict(zip(COLUMNS, template_headers(get_language()), strict=True))
    interests = ", ".join(INTERESTS)
    columns = [
        {
            "name": column,
            "header": headers[column],
            "required": column in REQUIRED,
            "help": str(COLUMN_HELP[column]).replace("%(interests)s", interests),
        }
        for column in COLUMNS
    ]
    return render(request, "participants/import_help.html", {"columns": columns})


@coordinator_view
def import_template(request: ProgrammeRequest, extension: str) -> HttpResponse:
    """An empty spreadsheet with the header row, to fill in and upload."""
    headers = template_headers(get_language())
    if extension == "csv":
        text = io.StringIO()
        csv.writer(text).writerow(headers)
        # With a byte order mark, so that Excel reads å, ä and ö right.
        response = HttpResponse(text.getvalue().encode("utf-8-sig"), content_type="text/csv")
    elif extension == "xlsx":
        from openpyxl import Workbook  # here, not when the URL map loads (test_import_weight)
        from openpyxl.styles import Font

        book = Workbook(write_only=False)
        sheet = book.create_sheet(index=0)
        book.remove(book.worksheets[1])  # the default sheet, typed as optional
        sheet.title = str(_("Participants"))[:31]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        content = io.BytesIO()
        book.save(content)
        response = HttpResponse(content.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="participants-import.{extension}"'
    return response
