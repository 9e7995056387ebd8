from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sprakvan.api"
    verbose_name = "API"
