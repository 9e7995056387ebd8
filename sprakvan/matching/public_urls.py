"""Public (no login) pages of matching, under /<programme-slug>/: the check-in answer."""

from django.urls import path

from .views import check_in_page

app_name = "matching_public"
urlpatterns = [
    path("svar/<str:token>/", check_in_page.check_in, name="check_in"),
]
