"""Public (no login) pages of the activities app, under /<programme-slug>/."""

from django.urls import path  # noqa: F401

app_name = "activities_public"
urlpatterns: list = []
