"""A programme's accessibility statement and its form to report a problem, under /<slug>/."""

from django.urls import URLPattern, path

from . import views

app_name = "accessibility_public"
urlpatterns: list[URLPattern] = [
    path("tillganglighet/", views.statement, name="statement"),
]
