"""Staff URLs of the reports app (mounted at /reports/)."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:slug>.<str:extension>", views.table_export, name="table_export"),
    path("document/", views.document_page, name="document"),
    path("document/partssamtal.<str:extension>", views.document_download, name="document_download"),
    path("document/build/<int:pk>/", views.document_build, name="document_build"),
    path("document/build/<int:pk>/retry/", views.document_build_retry, name="document_build_retry"),
    path("document/file/", views.document_file, name="document_file"),
    path("goals/", views.goal_list, name="goal_list"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
]
