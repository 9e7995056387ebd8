"""Staff pages of accounts: the staff under /staff/, switching programme, the audit log, and the
platform admin's programmes under /platform/."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:user_id>/unlock/", views.staff_unlock, name="staff_unlock"),
    path(
        "staff/roles/<int:membership_id>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("staff/locked/", views.locked_list, name="locked_list"),
    path("staff/locked/<int:user_id>/unlock/", views.locked_unlock, name="locked_unlock"),
    path("staff/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("programme/switch/", views.programme_switch, name="programme_switch"),
    path("platform/programmes/", views.programme_list, name="programme_list"),
    path("platform/programmes/new/", views.programme_create, name="programme_create"),
    path("platform/programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path(
        "platform/programmes/<int:pk>/archive/",
        views.programme_archive,
        name="programme_archive",
    ),
    path("platform/audit/", views.platform_audit_log, name="platform_audit_log"),
    path("audit/", views.audit_log, name="audit_log"),
]
