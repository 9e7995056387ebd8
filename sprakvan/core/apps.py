from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sprakvan.core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the production checks)
