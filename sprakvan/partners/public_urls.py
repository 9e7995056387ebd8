"""Public (no login) pages of the partners app, under /<programme-slug>/."""

from django.urls import path  # noqa: F401

app_name = "partners_public"
urlpatterns: list = []
