from django.urls import path

from .views import public

app_name = "participants_public"
urlpatterns = [
    path("", public.choose, name="choose"),
    path("tack/", public.receipt, name="receipt"),
    path("<slug:group_slug>/", public.register, name="register"),
]
