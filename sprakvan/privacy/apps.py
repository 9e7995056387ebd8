from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "sprakvan.privacy"
