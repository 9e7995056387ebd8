from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "sprakvan.messaging"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the production checks)
