from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "sprakvan.partners"

    def ready(self) -> None:
        from sprakvan.participants import hooks

        from .services import link_registered_leads

        if link_registered_leads not in hooks.phones_registered:
            hooks.phones_registered.append(link_registered_leads)
