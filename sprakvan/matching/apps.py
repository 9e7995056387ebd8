from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "sprakvan.matching"
