from django.urls import path

from . import views_public

app_name = "intake"
urlpatterns = [
    path("", views_public.choose, name="choose"),
    path("tack/", views_public.receipt, name="receipt"),
    path("<slug:group_slug>/", views_public.register, name="register"),
]
