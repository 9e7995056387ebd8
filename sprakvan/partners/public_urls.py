"""Public (no login) pages of the partners app, under /<programme-slug>/."""

from django.urls import path

from . import views_public

app_name = "partners_public"
urlpatterns = [
    path("samarbetspartner/", views_public.partner_list, name="partner_list"),
]
