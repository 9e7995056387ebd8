"""Messaging's public addresses: unsubscribe links and the SMS provider's hooks."""

from django.urls import path

from . import views

app_name = "messaging_public"
urlpatterns = [
    path("m/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("hooks/sms/<str:token>/delivered/", views.sms_delivered, name="sms_delivered"),
    path("hooks/sms/<str:token>/incoming/", views.sms_incoming, name="sms_incoming"),
]
