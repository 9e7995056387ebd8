"""Messaging's public addresses: unsubscribe links and the SMS provider's hooks."""

from django.urls import path

from .views import public

app_name = "messaging_public"
urlpatterns = [
    path("m/unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("hooks/sms/<str:token>/delivered/", public.sms_delivered, name="sms_delivered"),
    path("hooks/sms/<str:token>/incoming/", public.sms_incoming, name="sms_incoming"),
]
