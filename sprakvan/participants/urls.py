from django.urls import path

from . import views

app_name = "participants"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("waiting/", views.waiting_list, name="waiting"),
    path("new/", views.participant_create, name="create"),
    path("duplicates/", views.duplicate_list, name="duplicates"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/edit/", views.participant_edit, name="edit"),
    path("<int:pk>/status/", views.participant_status, name="status"),
    path("<int:pk>/reviewed/", views.participant_reviewed, name="reviewed"),
    path("<int:pk>/merge/", views.duplicate_merge, name="merge"),
    path("<int:pk>/dismiss/", views.duplicate_dismiss, name="dismiss"),
    path("import/", views.import_upload, name="import"),
    path("import/help/", views.import_help, name="import_help"),
    path(
        "import/template.<str:extension>",
        views.import_template,
        name="import_template",
    ),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/retry/", views.import_retry, name="import_retry"),
]
