from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sprakvan.core"
