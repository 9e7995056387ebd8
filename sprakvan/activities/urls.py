"""Staff pages of activities, mounted at /activities/."""

from django.urls import path

from .views import attendance, cancel, picture_steps, reminders, staff

app_name = "activities"
urlpatterns = [
    path("", staff.activity_list, name="activity_list"),
    path("new/", staff.activity_create, name="activity_create"),
    path("prepare/", staff.activity_prepare, name="activity_prepare"),
    path("<int:pk>/", staff.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", staff.activity_edit, name="activity_edit"),
    path("<int:pk>/schedules/new/", staff.schedule_create, name="schedule_create"),
    path("<int:pk>/sessions/new/", staff.session_create, name="session_create"),
    path("<int:pk>/reminders/add/", reminders.reminder_add, name="reminder_add"),
    path("<int:pk>/reminders/remove/", reminders.reminder_remove, name="reminder_remove"),
    path("<int:pk>/reminders/search/", reminders.reminder_search, name="reminder_search"),
    # Picture support (bildstöd, issue 16): the activity's picture sequence.
    path("<int:pk>/pictures/", picture_steps.picture_steps, name="picture_steps"),
    path("<int:pk>/pictures/add/", picture_steps.picture_step_add, name="picture_step_add"),
    path("pictures/<int:pk>/edit/", picture_steps.picture_step_edit, name="picture_step_edit"),
    path(
        "pictures/<int:pk>/remove/", picture_steps.picture_step_remove, name="picture_step_remove"
    ),
    path("pictures/<int:pk>/move/", picture_steps.picture_step_move, name="picture_step_move"),
    path("schedules/<int:pk>/end/", staff.schedule_end, name="schedule_end"),
    path("venues/", staff.venue_list, name="venue_list"),
    path("venues/new/", staff.venue_create, name="venue_create"),
    path("venues/<int:pk>/edit/", staff.venue_edit, name="venue_edit"),
    path("sessions/", staff.session_list, name="session_list"),
    path("sessions/<int:pk>/", attendance.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/tick/", attendance.attendance_tick, name="attendance_tick"),
    path("sessions/<int:pk>/search/", attendance.attendance_search, name="attendance_search"),
    path("sessions/<int:pk>/walk-ins/", attendance.walk_ins_save, name="walk_ins_save"),
    path("sessions/<int:pk>/new-person/", attendance.new_person, name="new_person"),
    path("sessions/<int:pk>/print/", attendance.session_print, name="session_print"),
    path("sessions/<int:pk>/attendance.pdf", attendance.session_pdf, name="session_pdf"),
    path("sessions/<int:pk>/qr.svg", attendance.session_qr, name="session_qr"),
    path("sessions/<int:pk>/cancel/", staff.session_cancel, name="session_cancel"),
    path(
        "sessions/<int:pk>/cancel/confirm/",
        cancel.session_cancel_confirm,
        name="session_cancel_confirm",
    ),
    path("sessions/<int:pk>/restore/", staff.session_restore, name="session_restore"),
    path("sessions/<int:pk>/move/", staff.session_move, name="session_move"),
    path("for-participant/<int:pk>/", staff.participant_activities, name="participant_activities"),
]
