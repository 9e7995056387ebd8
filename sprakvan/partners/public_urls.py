"""Public (no login) pages of the partners app, under /<programme-slug>/."""

from django.urls import path

from .views import public

app_name = "partners_public"
urlpatterns = [
    path("samarbetspartner/", public.partner_list, name="partner_list"),
]
