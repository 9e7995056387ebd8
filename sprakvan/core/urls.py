from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("programme/switch/", views.programme_switch, name="programme_switch"),
    path("platform/programmes/", views.programme_list, name="programme_list"),
    path("platform/programmes/new/", views.programme_create, name="programme_create"),
    path("<slug:slug>/", views.programme_page, name="programme_page"),
]
