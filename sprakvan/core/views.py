"""The front page, switching programme, and the platform admin's programme pages."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import SESSION_KEY, memberships_of, platform_admin_view
from .forms import ProgrammeForm
from .models import Programme
from .services import create_programme


def home(request: HttpRequest) -> HttpResponse:
    """Public: the programmes and their sign-up pages. Staff: the start of their menu."""
    return render(request, "core/home.html", {"programmes": Programme.objects.all()})


@require_POST
def programme_switch(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("programme", "")
    membership = memberships_of(request).filter(programme__slug=slug).first()
    if membership is not None:
        request.session[SESSION_KEY] = membership.programme_id
    return redirect("core:home")


@platform_admin_view
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/programme_list.html", {"programmes": Programme.objects.all()})


@platform_admin_view
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = create_programme(
            slug=form.cleaned_data["slug"],
            name=form.cleaned_data["name"],
            city=form.cleaned_data["city"],
            organisations=form.cleaned_data["organisations"],
            districts=form.district_names(),
        )
        messages.success(request, _("The programme %(name)s was created.") % {"name": programme})
        return redirect("core:programme_list")
    return render(request, "core/programme_form.html", {"form": form})


def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of one programme: sign up, the calendar."""
    programme = get_object_or_404(Programme, slug=slug)
    return render(request, "core/programme_page.html", {"programme": programme})
