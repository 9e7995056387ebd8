from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    name = "sprakvan.accessibility"
