"""The coordinator's API tokens: the list, a new token (its secret shown once) and revoking."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped, scoped
from sprakvan.core.bidi import named
from sprakvan.core.confirm import confirm_page

from .forms import TokenForm
from .models import ApiToken
from .services import create_token, revoke_token


@require_http_methods(["GET", "POST"])
@coordinator_view
def token_list(request: ProgrammeRequest) -> HttpResponse:
    """The programme's tokens and the form for a new one. A created token's secret is shown in
    the answer to the POST itself (never stored, never redirected to), and that page is no-store."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = create_token(
            request.programme,
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,
        )
        response = render(request, "api/token_created.html", {"token": token, "secret": secret})
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store"
        return response
    tokens = scoped(ApiToken.objects.select_related("created_by"), request)
    return render(
        request,
        "api/token_list.html",
        {"tokens": tokens, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_GET
@coordinator_view
def token_revoke_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    token = get_scoped(ApiToken.objects.active(), request, pk=pk)
    return confirm_page(
        request,
        title=_("Revoke this token?"),
        consequence=named(
            _("The system using %(name)s can no longer call the API. This cannot be undone."),
            name=token.name,
        ),
        action=reverse("api:token_revoke", args=[token.pk]),
        confirm_label=_("Revoke"),
        back=reverse("api:token_list"),
    )


@require_POST
@coordinator_view
def token_revoke(request: ProgrammeRequest, pk: int) -> HttpResponse:
    token = get_scoped(ApiToken.objects.all(), request, pk=pk)
    if revoke_token(token, revoked_by=request.user):
        messages.success(request, named(_("%(name)s is revoked."), name=token.name))
    return redirect("api:token_list")
