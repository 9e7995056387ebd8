"""The public list of a programme's partners: names and kinds, never a contact person."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.organisations.models import OrganisationKind


def partner_list(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    organisations = programme.partner_organisations.order_by("kind", "name")
    groups: dict[str, list[str]] = {}
    for organisation in organisations:
        groups.setdefault(str(OrganisationKind(organisation.kind).label), []).append(
            organisation.name
        )
    return render(
        request, "partners/partner_list_public.html", {"programme": programme, "groups": groups}
    )
