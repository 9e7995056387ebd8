"""Public (no login) pages of the activities app, under /<programme-slug>/."""

from django.urls import path

from .views import activity_page, public, reminder_public

app_name = "activities_public"
urlpatterns = [
    path("kalender/", public.calendar, name="calendar"),
    path("kalender.ics", public.calendar_feed, name="calendar_feed"),
    path("kalender/<int:activity_id>.ics", public.activity_feed, name="activity_feed"),
    path("kalender/aktivitet/<int:activity_id>/", activity_page.activity_page, name="activity"),
    path("incheckning/<str:token>/", public.checkin_page, name="checkin"),
    # Asking for SMS reminders yourself: the number, the code, the answer (issue 12, R).
    path(
        "paminnelse/<int:activity_id>/",
        reminder_public.reminder_request,
        name="reminder_request",
    ),
    path("paminnelse/<int:activity_id>/kod/", reminder_public.reminder_code, name="reminder_code"),
    path("paminnelse/<int:activity_id>/klar/", reminder_public.reminder_done, name="reminder_done"),
]
