from typing import Any

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "sprakvan.partners"

    def ready(self) -> None:
        from sprakvan.participants.signals import registered

        registered.connect(link_registered_leads, dispatch_uid="partners.link_registered_leads")


def link_registered_leads(sender: Any, *, programme: Any, phones: list[str], **kwargs: Any) -> None:
    """A lead met at a fair becomes linked as soon as the person registers or is imported."""
    from sprakvan.partners.services import link_leads

    if phones:
        link_leads(programme=programme, phones=phones)
