from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("<int:user_id>/unlock/", views.staff_unlock, name="staff_unlock"),
    path("roles/<int:membership_id>/remove/", views.membership_remove, name="membership_remove"),
    path("locked/", views.locked_list, name="locked_list"),
    path("locked/<int:user_id>/unlock/", views.locked_unlock, name="locked_unlock"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
