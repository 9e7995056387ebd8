"""The accessibility statement without a programme in the address, and the coordinator's list
of reported problems."""

from django.urls import URLPattern, path

from . import views

app_name = "accessibility"
urlpatterns: list[URLPattern] = [
    path("", views.statement_index, name="statement"),
    path("rapporter/", views.report_list, name="report_list"),
    path("rapporter/<int:pk>/handled/", views.report_handle, name="report_handle"),
    path(
        "rapporter/<int:pk>/handled/confirm/",
        views.report_handle_confirm,
        name="report_handle_confirm",
    ),
]
