from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.programme_page, name="programme_page"),
]
