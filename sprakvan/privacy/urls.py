from django.urls import path

from .views import export as export_views
from .views import settings as settings_views
from .views import staff as views

app_name = "privacy"
urlpatterns = [
    path("", settings_views.settings, name="settings"),
    path("notices/new/", settings_views.publish, name="publish_notice"),
    path("erase/<int:pk>/", views.erase, name="erase"),
    path("export/<int:pk>/<str:fmt>/", export_views.staff_export, name="export"),
]
