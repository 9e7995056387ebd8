"""Public (no login) pages of the activities app, under /<programme-slug>/."""

from django.urls import path

from .views import public

app_name = "activities_public"
urlpatterns = [
    path("kalender/", public.calendar, name="calendar"),
    path("kalender.ics", public.calendar_feed, name="calendar_feed"),
    path("kalender/<int:activity_id>.ics", public.activity_feed, name="activity_feed"),
    path("incheckning/<str:token>/", public.checkin_page, name="checkin"),
]
