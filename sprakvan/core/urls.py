from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("programme/switch/", views.programme_switch, name="programme_switch"),
    path("platform/programmes/", views.programme_list, name="programme_list"),
    path("platform/programmes/new/", views.programme_create, name="programme_create"),
    path(
        "platform/programmes/<int:pk>/archive/",
        views.programme_archive,
        name="programme_archive",
    ),
    path("platform/audit/", views.platform_audit_log, name="platform_audit_log"),
    path("audit/", views.audit_log, name="audit_log"),
    path("<slug:slug>/", views.programme_page, name="programme_page"),
]
