from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "sprakvan.activities"

    def ready(self) -> None:
        from sprakvan.messaging import hooks

        from .services.audience import CAME_TO_ACTIVITY

        # The group message may choose the people who came to an activity.
        hooks.add_audience_filter(CAME_TO_ACTIVITY)
