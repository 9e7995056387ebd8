from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sprakvan.accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import stamp_login

        # Session bookkeeping, not domain logic: the login time bounds the session's life.
        user_logged_in.connect(stamp_login, dispatch_uid="accounts.stamp_login")
