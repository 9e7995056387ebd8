from django.urls import path

from .views import staff as views

app_name = "privacy"
urlpatterns = [
    path("erase/<int:pk>/", views.erase, name="erase"),
]
