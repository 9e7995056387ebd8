"""The front page and a programme's public page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Programme


def home(request: HttpRequest) -> HttpResponse:
    """Public: the programmes and their sign-up pages. A logged-in user without a role (the
    platform admin): their links. Staff with a role get the home app's page at this address."""
    return render(request, "core/home.html", {"programmes": Programme.objects.active()})


def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of one programme: sign up, the calendar."""
    programme = get_object_or_404(Programme.objects.active(), slug=slug)
    return render(request, "core/programme_page.html", {"programme": programme})
