"""The start page, mounted at /: each staff role's home, everyone else core's front page."""

from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="start"),
]
