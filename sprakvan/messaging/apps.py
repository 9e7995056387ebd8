from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "sprakvan.messaging"

    def ready(self) -> None:
        from sprakvan.participants import hooks

        from . import checks  # noqa: F401  (registers the production checks)
        from .services import send_receipt

        # ready() may run twice (tests, reloads): one receipt hook, however often.
        if send_receipt not in hooks.after_registration:
            hooks.after_registration.append(send_receipt)
