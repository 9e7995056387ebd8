from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("erase/<int:pk>/", views.erase, name="erase"),
]
