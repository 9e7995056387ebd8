from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
