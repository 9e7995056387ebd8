from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sprakvan.home"
